/**
 * How the message of a learning run that found no model worth suggesting starts (the reason follows), so the
 * settings page can word it as a finding about the data rather than a failure of the app.
 */
export const NO_USEFUL_MODEL = 'No model worth suggesting: ';
