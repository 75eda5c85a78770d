import { Admission } from '../../src/admission';

describe('Admission', () => {
  it('admits up to its limit, gives a place back once however often it is left, then admits again', () => {
    const admission = new Admission(2);
    const a = admission.enter();
    const b = admission.enter();
    expect(a && b).toBeDefined();
    expect(admission.enter()).toBeUndefined();
    a?.();
    a?.();
    const c = admission.enter();
    expect(c).toBeDefined();
    expect(admission.enter()).toBeUndefined();
  });
});
