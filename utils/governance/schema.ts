/** The zod schema of the `worksCouncil` policy value (works-council.ts); kept apart so light entry points load no zod. */
import { z } from 'zod';
import { COLLEAGUE_DEFAULTS, type WorksCouncilPolicy } from './works-council';

export const WorksCouncilSchema = z
  .object({
    enabled: z.boolean(),
    minGroupSize: z.number().int().min(2).max(1000).optional(),
    lookBackMonths: z.number().int().min(1).max(120).optional(),
    retentionDays: z.number().int().min(0).max(3650).optional(),
    colleagueDefault: z.enum(COLLEAGUE_DEFAULTS).optional(),
  })
  .strict() satisfies z.ZodType<WorksCouncilPolicy>;
