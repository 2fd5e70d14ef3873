/** The lead-scoring UI extensions: the contact card and the settings page. */
export const PACKAGE_NAME = '@lead-scoring/extensions';
