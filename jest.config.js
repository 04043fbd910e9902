// Runs every project's unit and e2e specs in one jest invocation (`npm run test:jest`).
// testTimeout is a global option: in multi-project runs the projects' own value is ignored, so it is set here too.
module.exports = {
  testTimeout: 60000,
  projects: [
    '<rootDir>/libs/core',
    '<rootDir>/libs/jobs',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/apps/admin',
    '<rootDir>/tools',
  ],
};
