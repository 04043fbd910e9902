export * from './job.types';
export * from './bullmq-job-queue';
