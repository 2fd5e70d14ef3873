import { z } from 'zod';

/**
 * One row of data/leads-x-education.csv, the columns the seeder uses, renamed. Blank cells and the form default
 * "Select" mean unknown and become ''.
 */
const cell = z.string().default('').transform((v) => (v.trim() === 'Select' ? '' : v.trim()));

export const LeadRowSchema = z.object({
  'Prospect ID': cell, 'Lead Number': cell, 'Lead Origin': cell, 'Lead Source': cell,
  'Do Not Email': cell, 'Do Not Call': cell, Converted: cell, TotalVisits: cell,
  'Total Time Spent on Website': cell, 'Page Views Per Visit': cell, 'Last Activity': cell,
  Country: cell, Specialization: cell, 'How did you hear about X Education': cell,
  'What is your current occupation': cell, 'What matters most to you in choosing a course': cell,
  Tags: cell, 'Lead Quality': cell, 'Lead Profile': cell, City: cell,
  'A free copy of Mastering The Interview': cell, 'Last Notable Activity': cell,
}).transform((r) => ({
  prospectId: r['Prospect ID'], leadNumber: r['Lead Number'], origin: r['Lead Origin'], source: r['Lead Source'],
  doNotEmail: r['Do Not Email'] === 'Yes', doNotCall: r['Do Not Call'] === 'Yes', converted: r.Converted === '1',
  visits: Math.round(Number(r.TotalVisits) || 0), timeOnSite: Math.round(Number(r['Total Time Spent on Website']) || 0),
  pageViewsPerVisit: Number(r['Page Views Per Visit']) || 0, lastActivity: r['Last Activity'],
  country: r.Country === 'unknown' ? '' : r.Country, specialization: r.Specialization, heardFrom: r['How did you hear about X Education'],
  occupation: r['What is your current occupation'], coursePriority: r['What matters most to you in choosing a course'],
  tags: r.Tags, leadQuality: r['Lead Quality'], leadProfile: r['Lead Profile'], city: r.City,
  freeEbook: r['A free copy of Mastering The Interview'] === 'Yes', lastNotableActivity: r['Last Notable Activity'],
}));

export type LeadRow = z.output<typeof LeadRowSchema>;
