import { Initial1795441625301 } from './1795441625301-Initial';
import { ClaimFlow1795442528090 } from './1795442528090-ClaimFlow';
import { HandoversAndDelivery1795444316079 } from './1795444316079-HandoversAndDelivery';
import { ReportingRollups1795444600342 } from './1795444600342-ReportingRollups';
import { NikKeyFingerprint1795445000000 } from './1795445000000-NikKeyFingerprint';
import { SessionVersion1795445500000 } from './1795445500000-SessionVersion';
import { IdentitySkeletons1795446100000 } from './1795446100000-IdentitySkeletons';
import { ClaimInOneStatement1795447400000 } from './1795447400000-ClaimInOneStatement';
import { AuditActionIndex1795447200000 } from './1795447200000-AuditActionIndex';
import { ReportMail1795447300000 } from './1795447300000-ReportMail';
import { EmailVerification1795447100000 } from './1795447100000-EmailVerification';
import { RollupsAtRw1795447700000 } from './1795447700000-RollupsAtRw';
import { TargetsAndKelurahan1795447900000 } from './1795447900000-TargetsAndKelurahan';
import { VillageRollups1795448800000 } from './1795448800000-VillageRollups';
import { HandoverLocationAccuracy1795447500000 } from './1795447500000-HandoverLocationAccuracy';

/** Every migration, in order, as classes (the API is bundled, so no globs). */
export const MIGRATIONS: Function[] = [
  Initial1795441625301,
  ClaimFlow1795442528090,
  HandoversAndDelivery1795444316079,
  ReportingRollups1795444600342,
  NikKeyFingerprint1795445000000,
  SessionVersion1795445500000,
  IdentitySkeletons1795446100000,
  EmailVerification1795447100000,
  AuditActionIndex1795447200000,
  ReportMail1795447300000,
  ClaimInOneStatement1795447400000,
  HandoverLocationAccuracy1795447500000,
  RollupsAtRw1795447700000,
  TargetsAndKelurahan1795447900000,
  VillageRollups1795448800000,
];
