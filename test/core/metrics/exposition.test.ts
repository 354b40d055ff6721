import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkLabelName,
  checkMetricName,
  escapeHelp,
  escapeLabelValue,
  formatLabels,
  formatValue,
  headerLines,
  sampleLine,
} from '../../../core/metrics/exposition';

describe('Prometheus text exposition', () => {
  it('escapes backslash, double quote and line feed in label values, and nothing else', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeLabelValue("it's ünïcode, {x}=1 #"), "it's ünïcode, {x}=1 #");
    assert.equal(
      formatLabels({ org: 'district "7"', file: 'C:\\drops\nnew' }),
      '{org="district \\"7\\"",file="C:\\\\drops\\nnew"}',
    );
  });

  it('escapes backslash and line feed in help text, but not quotes', () => {
    assert.equal(escapeHelp('rows "read"\\ per\nday'), 'rows "read"\\\\ per\\nday');
    assert.deepEqual(headerLines('x_total', 'a\nb', 'counter'), [
      '# HELP x_total a\\nb',
      '# TYPE x_total counter',
    ]);
  });

  it('writes sample lines with and without labels, and special values', () => {
    assert.equal(sampleLine('up', {}, 1), 'up 1');
    assert.equal(
      sampleLine('lag', { topic: 't', partition: '0' }, 12.5),
      'lag{topic="t",partition="0"} 12.5',
    );
    assert.equal(formatValue(Infinity), '+Inf');
    assert.equal(formatValue(-Infinity), '-Inf');
    assert.equal(formatValue(NaN), 'NaN');
    assert.equal(formatValue(1e21), '1e+21');
  });

  it('refuses names the format does not allow', () => {
    assert.equal(checkMetricName('edreflect:rows_total'), 'edreflect:rows_total');
    assert.throws(() => checkMetricName('9rows'), /invalid metric name/);
    assert.throws(() => checkMetricName('rows-read'), /invalid metric name/);
    assert.throws(() => checkLabelName('__name__'), /invalid label name/);
    assert.throws(() => checkLabelName('a:b'), /invalid label name/);
  });
});
