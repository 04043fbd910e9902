import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** `/audit`: the audit log (the audit service is infrastructure, from CoreModule). */
@Module({ controllers: [AuditController] })
export class AuditHttpModule {}
