import { CharterwatchError, usageError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { listLegs, type LegView } from './legs.ts';
import { estimateLeg, estimateMission, estimatePassengers, type MissionEstimate, type PassengerEstimate } from './passengers.ts';
import { validations, type ModelValidation } from './passengers-holdout.ts';

/**
 * The question "how many people were on board": for a stored leg, a stored mission, or a type
 * and kind (with destination and day), the estimate with its model, inputs, method and sources,
 * and every model's held-out error and coverage. `charterwatch passengers` and `/api/passengers`
 * both answer it here.
 */
export interface PassengersQuery {
  leg?: number;
  mission?: number;
  type?: string;
  kind?: string;
  country?: string;
  date?: string;
}

export interface PassengersAnswer {
  subject: string;
  estimate: PassengerEstimate | null;
  mission: MissionEstimate | null;
  validation: Omit<ModelValidation, 'flights'>[];
}

async function legById(store: Store, id: number): Promise<LegView> {
  const [leg] = await listLegs(store, { leg: id });
  if (!leg) throw new CharterwatchError('NOT_FOUND', `no leg ${id}`);
  return leg;
}

const withoutFlights = () => Object.values(validations()).map(({ flights: _flights, ...v }) => v);

export async function passengersAnswer(store: Store | null, q: PassengersQuery): Promise<PassengersAnswer> {
  const asked = [q.leg !== undefined, q.mission !== undefined, q.type !== undefined || q.kind !== undefined || q.country !== undefined].filter(Boolean).length;
  if (asked !== 1) throw usageError('give one of: a leg id, a mission id (--mission), or --type/--kind [--country] [--date]');
  if (q.leg !== undefined) {
    if (!store) throw usageError('a leg needs a database');
    const leg = await legById(store, q.leg);
    return { subject: `leg ${leg.id}: ${leg.kind ?? 'unclassified'} ${leg.departure.airport ?? '?'} → ${leg.arrival.airport ?? '?'} (${leg.arrival.country ?? '?'}), ${leg.aircraftType ?? 'type unknown'}, ${(leg.departure.time ?? leg.arrival.time ?? leg.date ?? '?').slice(0, 10)}`, estimate: estimateLeg(leg), mission: null, validation: withoutFlights() };
  }
  if (q.mission !== undefined) {
    if (!store) throw usageError('a mission needs a database');
    const legs = await listLegs(store, { mission: q.mission });
    if (legs.length === 0) throw new CharterwatchError('NOT_FOUND', `no mission ${q.mission}`);
    const m = estimateMission(legs);
    return { subject: `mission ${q.mission}: ${legs.map((l) => l.departure.airport ?? '?').concat(legs.at(-1)!.arrival.airport ?? '?').join(' → ')}, ${legs[0]!.aircraftType ?? 'type unknown'}`, estimate: null, mission: m, validation: withoutFlights() };
  }
  const e = estimatePassengers({ aircraftType: q.type ?? null, kind: q.kind ?? 'removal', country: q.country ?? null, date: q.date ?? null });
  return { subject: `a ${q.kind ?? 'removal'} flight${q.country ? ` to ${q.country}` : ''}${q.type ? ` on a ${q.type.toUpperCase()}` : ''}${q.date ? ` on ${q.date.slice(0, 10)}` : ''}`, estimate: e, mission: null, validation: withoutFlights() };
}

const n = (x: number | null) => (x === null ? '–' : x.toLocaleString('en-US'));

function estimateLines(e: PassengerEstimate, indent = ''): string[] {
  if (e.passengers === null) return [`${indent}${e.method}`];
  return [
    `${indent}about ${n(e.passengers)} people (80% interval ${n(e.low)}–${n(e.high)}), ${e.modelName} model${e.capped ? `, capped by ${e.seats} seats` : ''}`,
    `${indent}${e.coverage}`,
    `${indent}inputs: kind ${e.inputs.kind}; destination ${e.inputs.country ?? 'not given'}; date ${e.inputs.date ?? 'not given'}; aircraft ${e.aircraftType ?? 'not given'} (${e.seats ? `${e.seats} seats` : 'seats not known'})`,
    `${indent}method: ${e.method}`,
    `${indent}sources: ${e.sources.join('; ')}`,
  ];
}

export function renderPassengers(a: PassengersAnswer): string {
  const out = [a.subject];
  if (a.estimate) out.push(...estimateLines(a.estimate, '  '));
  if (a.mission) {
    const m = a.mission;
    out.push(m.total ? `  about ${n(m.total.point)} people removed (80% interval ${n(m.total.low)}–${n(m.total.high)}): ${m.method}` : `  ${m.method}`);
    for (const d of m.drops) {
      out.push(`  leg ${d.legId} to ${d.country ?? '?'}:`);
      out.push(...estimateLines(d.estimate, '    '));
    }
  }
  out.push('', 'Models measured on held-out flights (docs/passengers.md):');
  for (const v of a.validation) {
    out.push(`  ${v.name}: ${v.text}${v.medianAbsError !== null ? `; median error ${v.medianAbsError} people, mean ${v.meanAbsError}` : ''} (${v.design})`);
  }
  return out.join('\n');
}
