import { Foundation1764489600000 } from '../../migrations/1764489600000-Foundation';
import { SalesLedger1764576000000 } from '../../migrations/1764576000000-SalesLedger';
import { AuditFlags1764662400000 } from '../../migrations/1764662400000-AuditFlags';
import { LiquidationReports1764748800000 } from '../../migrations/1764748800000-LiquidationReports';
import { Imports1764835200000 } from '../../migrations/1764835200000-Imports';
import { AuditChainSeal1764925200000 } from '../../migrations/1764925200000-AuditChainSeal';
import { RelatedPartySalesIndex1765011600000 } from '../../migrations/1765011600000-RelatedPartySalesIndex';
import { AuditRunAndReportStorage1765098000000 } from '../../migrations/1765098000000-AuditRunAndReportStorage';
import { WiderMarketPrices1765184400000 } from '../../migrations/1765184400000-WiderMarketPrices';
import { EvaluationEngine1765357200000 } from '../../migrations/1765357200000-EvaluationEngine';
import { CancellationRefunds1765443600000 } from '../../migrations/1765443600000-CancellationRefunds';
import { ProjectTimeZone1765530000000 } from '../../migrations/1765530000000-ProjectTimeZone';
import { ImportLeases1765600000000 } from '../../migrations/1765600000000-ImportLeases';

/** Every migration, in order. A new file in migrations/ is added here too. */
export const MIGRATIONS = [Foundation1764489600000, SalesLedger1764576000000, AuditFlags1764662400000, LiquidationReports1764748800000, Imports1764835200000, AuditChainSeal1764925200000, RelatedPartySalesIndex1765011600000, AuditRunAndReportStorage1765098000000, WiderMarketPrices1765184400000, EvaluationEngine1765357200000, CancellationRefunds1765443600000, ProjectTimeZone1765530000000, ImportLeases1765600000000];
