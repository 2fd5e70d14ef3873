/**
 * Word lists the seeder draws synthetic identities from (the dataset has no names, emails or employers).
 * Names lean Indian, like the dataset's leads, with some international ones.
 */
export const FIRST_NAMES = [
  'Aarav', 'Aditi', 'Akash', 'Ananya', 'Arjun', 'Deepika', 'Divya', 'Farhan', 'Gaurav', 'Isha', 'Karan', 'Kavya',
  'Meera', 'Neha', 'Nikhil', 'Pooja', 'Priya', 'Rahul', 'Rajesh', 'Riya', 'Rohan', 'Sakshi', 'Sanjay', 'Shreya',
  'Siddharth', 'Sneha', 'Tanvi', 'Varun', 'Vikram', 'Zoya', 'Aisha', 'Omar', 'Fatima', 'Imran', 'Lakshmi', 'Manoj',
  'Nandini', 'Prakash', 'Sunita', 'Yash', 'James', 'Emma', 'Liam', 'Olivia', 'Noah', 'Sophia', 'Lucas', 'Mia',
  'Daniel', 'Grace', 'Hiroshi', 'Mei', 'Wei', 'Lina', 'Pedro', 'Sofia', 'Ahmed', 'Layla', 'Kwame', 'Amara',
] as const;

export const LAST_NAMES = [
  'Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Mehta', 'Joshi', 'Kulkarni', 'Desai', 'Rao', 'Singh', 'Khan',
  'Das', 'Bose', 'Chatterjee', 'Menon', 'Pillai', 'Verma', 'Agarwal', 'Kapoor', 'Malhotra', 'Banerjee', 'Shah',
  'Pandey', 'Mishra', 'Fernandes', 'Dsouza', 'Bhat', 'Saxena', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson',
  'Martin', 'Lee', 'Chen', 'Wang', 'Kim', 'Nguyen', 'Garcia', 'Lopez', 'Haddad', 'Mensah', 'Okafor',
] as const;

const COMPANY_STEMS = [
  'Apex', 'Bluewave', 'Cedar', 'Crestline', 'Deccan', 'Everest', 'Falcon', 'Ganga', 'Horizon', 'Indus', 'Juniper',
  'Kestrel', 'Lotus', 'Meridian', 'Nimbus', 'Orbit', 'Pinnacle', 'Quantum', 'Redwood', 'Saffron', 'Summit', 'Trident',
  'Umbra', 'Vertex', 'Westbridge', 'Zenith', 'Arcadia', 'Banyan', 'Coral', 'Dynamo',
] as const;
const COMPANY_SUFFIXES = ['Technologies', 'Solutions', 'Systems', 'Labs', 'Analytics', 'Consulting', 'Finance', 'Logistics', 'Retail', 'Media', 'Health', 'Software'] as const;

/** A pool of company names several contacts share (as real leads from one employer do). */
export const COMPANIES: string[] = COMPANY_STEMS.flatMap((stem, i) =>
  [0, 1, 2, 3].map((k) => `${stem} ${COMPANY_SUFFIXES[(i * 5 + k * 7) % COMPANY_SUFFIXES.length]}`),
);

/** The dataset's Specialization → the HubSpot-style industry and the job function it suggests. */
export const SPECIALIZATIONS: Record<string, { industry: string; fn: string; program: string }> = {
  'Finance Management': { industry: 'Financial Services', fn: 'Finance', program: 'PG Diploma in Finance' },
  'Human Resource Management': { industry: 'Human Resources', fn: 'Human Resources', program: 'PG Diploma in HR' },
  'Marketing Management': { industry: 'Marketing and Advertising', fn: 'Marketing', program: 'PG Diploma in Marketing' },
  'Operations Management': { industry: 'Management Consulting', fn: 'Operations', program: 'PG Diploma in Operations' },
  'Business Administration': { industry: 'Management Consulting', fn: 'Business Development', program: 'Executive MBA' },
  'IT Projects Management': { industry: 'Information Technology and Services', fn: 'IT', program: 'PG Diploma in IT Project Management' },
  'Supply Chain Management': { industry: 'Logistics and Supply Chain', fn: 'Supply Chain', program: 'PG Diploma in Supply Chain' },
  'Banking, Investment And Insurance': { industry: 'Banking', fn: 'Investments', program: 'PG Diploma in Banking' },
  'Media and Advertising': { industry: 'Media Production', fn: 'Communications', program: 'PG Diploma in Media' },
  'Travel and Tourism': { industry: 'Leisure, Travel & Tourism', fn: 'Customer Experience', program: 'PG Diploma in Tourism' },
  'International Business': { industry: 'International Trade and Development', fn: 'International Sales', program: 'PG Diploma in International Business' },
  'Healthcare Management': { industry: 'Hospital & Health Care', fn: 'Healthcare Operations', program: 'PG Diploma in Healthcare Management' },
  'Hospitality Management': { industry: 'Hospitality', fn: 'Guest Services', program: 'PG Diploma in Hospitality' },
  'E-COMMERCE': { industry: 'Internet', fn: 'E-commerce', program: 'PG Diploma in E-commerce' },
  'Retail Management': { industry: 'Retail', fn: 'Retail Operations', program: 'PG Diploma in Retail' },
  'Rural and Agribusiness': { industry: 'Farming', fn: 'Agribusiness', program: 'PG Diploma in Agribusiness' },
  'E-Business': { industry: 'Computer Software', fn: 'Digital Business', program: 'PG Diploma in E-Business' },
  'Services Excellence': { industry: 'Professional Training & Coaching', fn: 'Service Delivery', program: 'PG Diploma in Services' },
};

/** Title patterns by seniority; `{fn}` is the job function. Weights favour the middle of the ladder. */
export const SENIORITY: readonly (readonly [string, number])[] = [
  ['Chief {fn} Officer', 2], ['VP of {fn}', 6], ['Director of {fn}', 10], ['Head of {fn}', 8], ['Senior {fn} Manager', 12],
  ['{fn} Manager', 20], ['Senior {fn} Analyst', 14], ['{fn} Specialist', 12], ['{fn} Executive', 10], ['{fn} Associate', 6],
];
export const OWNER_TITLES = ['Founder', 'Owner', 'Managing Director', 'CEO'] as const;

export const EMPLOYEE_BUCKETS: readonly (readonly [number, number])[] = [
  [8, 10], [35, 18], [120, 22], [400, 18], [1200, 14], [4500, 10], [15000, 8],
];

export const SITE = 'https://www.x-education.example';
export const PAGES = ['/', '/courses', '/admissions', '/blog/career-growth-after-a-pg-diploma', '/faculty', '/alumni', '/webinars'] as const;
