import type { ScorecardDefinition } from './scorecard';

/**
 * A small but realistic card shared by the scorecard and simulation specs: base score 600 at odds
 * 50:1, odds doubling every 20 points; maximum score 660.
 */
export const CARD: ScorecardDefinition = {
  basePoints: 500,
  baseScore: 600,
  baseOdds: 50,
  pdo: 20,
  attributes: [
    {
      fact: 'bureauScore',
      reasonCode: 'R01',
      description: 'Bureau score',
      missingPoints: 10,
      bins: [
        { label: 'low', min: null, max: '500', points: 0 },
        { label: 'mid', min: '500', max: '650', points: 40 },
        { label: 'high', min: '650', max: null, points: 80 },
      ],
    },
    {
      fact: 'dti',
      reasonCode: 'R02',
      missingPoints: 0,
      bins: [
        { label: 'low', max: '0.3', points: 30 },
        { label: 'mid', min: '0.3', max: '0.5', points: 15 },
        { label: 'high', min: '0.5', points: 0 },
      ],
    },
    {
      fact: 'homeOwner',
      reasonCode: 'R03',
      missingPoints: 5,
      bins: [
        { label: 'own', values: ['true'], points: 20 },
        { label: 'rent', values: ['false'], points: 0 },
      ],
    },
    {
      fact: 'employment',
      reasonCode: 'R04',
      missingPoints: 0,
      bins: [
        { label: 'salaried', values: ['SALARIED'], points: 20 },
        { label: 'self-employed', values: ['SELF_EMPLOYED'], points: 10 },
      ],
    },
    {
      fact: 'age',
      reasonCode: 'R05',
      missingPoints: 0,
      bins: [
        { label: 'young', min: '18', max: '25', points: 0 },
        { label: 'adult', min: '25', max: null, points: 10 },
      ],
    },
  ],
  grades: [
    { grade: 'A', minScore: 640 },
    { grade: 'B', minScore: 600 },
    { grade: 'C', minScore: 560 },
    { grade: 'D', minScore: 540 },
  ],
};

/** Facts that earn every attribute's best bin (score 660). */
export const BEST_FACTS = { bureauScore: 700, dti: '0.2', homeOwner: true, employment: 'SALARIED', age: 30 };
