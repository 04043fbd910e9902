// Runs every project's unit and e2e specs in one jest invocation (`npm run test:jest`).
module.exports = {
  projects: ['<rootDir>/libs/core', '<rootDir>/libs/jobs', '<rootDir>/apps/api', '<rootDir>/apps/worker', '<rootDir>/apps/admin'],
};
