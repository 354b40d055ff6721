/** The bench's verdicts: issue 15's targets, each a ratio of two stages measured in the same run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stageResults, TARGETS } from '../../bench/results';
import type { StageId, StageOutcome } from '../../bench/stage';

const outcome = (id: StageId, seconds: number): StageOutcome => ({
  id,
  seconds,
  details: {},
  processes: [
    {
      label: id,
      code: 0,
      timedOut: false,
      startedMs: 0,
      endedMs: seconds * 1000,
      doneMs: undefined,
      peakRssMb: 100,
      stdout: '',
      stderrTail: '',
    },
  ],
});

const verdicts = (outcomes: StageOutcome[]) =>
  Object.fromEntries(
    stageResults(outcomes, 100_000).map((r) => [
      r.id,
      { ratio: r.ratio, of: r.ratioOf, target: r.target, met: r.met },
    ]),
  );

describe('stageResults', () => {
  it('holds the producer to raw produce, the consumer to raw insertMany, end to end to their sum', () => {
    const v = verdicts([
      outcome('raw-parse', 2),
      outcome('raw-produce', 10),
      outcome('raw-insertMany', 20),
      outcome('producer', 14), // 10 / 14 = 0.714 × raw produce
      outcome('consumer', 26), // 20 / 26 = 0.769 × raw insertMany
      outcome('end-to-end', 44), // 44 / (10 + 20) = 1.467
    ]);
    assert.deepEqual(v['producer'], { ratio: 0.714, of: '× raw produce', target: '≥ 0.70', met: true });
    assert.deepEqual(v['consumer'], { ratio: 0.769, of: '× raw insertMany', target: '≥ 0.80', met: false });
    assert.deepEqual(v['end-to-end'], {
      ratio: 1.467,
      of: '× time of (raw produce + raw insertMany)',
      target: '≤ 1.50',
      met: true,
    });
    assert.equal(v['raw-parse']!.ratio, null);
  });

  it('judges each bound at its edge, and the peer as ours consumer ÷ the peer', () => {
    const v = verdicts([
      outcome('raw-produce', 7),
      outcome('raw-insertMany', 8),
      outcome('producer', 10), // 0.70 exactly
      outcome('consumer', 10), // 0.80 exactly
      outcome('peer', 15), // 15 / 10 = 1.5 exactly
      outcome('end-to-end', 22.6), // 22.6 / 15 = 1.507
    ]);
    assert.equal(v['producer']!.met, true);
    assert.equal(v['consumer']!.met, true);
    assert.deepEqual(v['peer'], { ratio: 1.5, of: '= ours consumer ÷ peer', target: '≥ 1.50', met: true });
    assert.equal(v['end-to-end']!.met, false);
    assert.deepEqual(TARGETS, {
      producerOverRawProduce: 0.7,
      consumerOverRawInsertMany: 0.8,
      endToEndOverRawSum: 1.5,
      consumerOverPeer: 1.5,
    });
  });
});
