import { ClientEvent, officeRoom, sequenceDecision, ServerEvent, TicketEventType } from './realtime.js';

describe('sequenceDecision', () => {
  it('applies the next event in sequence', () => {
    expect(sequenceDecision(41, 42)).toBe('apply');
    expect(sequenceDecision(0, 1)).toBe('apply');
  });

  it('ignores an event the client already has', () => {
    expect(sequenceDecision(42, 42)).toBe('stale');
    expect(sequenceDecision(42, 7)).toBe('stale');
  });

  it('asks for a fresh snapshot when an event was missed', () => {
    expect(sequenceDecision(41, 43)).toBe('gap');
    expect(sequenceDecision(0, 1000)).toBe('gap');
  });

  it('keeps a client applying a run of consecutive events, and spots the first missing one', () => {
    // Arrange
    const arriving = [11, 12, 12, 13, 15, 16];
    let lastSeq = 10;
    const decisions: string[] = [];
    // Act
    for (const seq of arriving) {
      const decision = sequenceDecision(lastSeq, seq);
      decisions.push(decision);
      if (decision === 'apply') lastSeq = seq;
    }
    // Assert
    expect(decisions).toEqual(['apply', 'apply', 'stale', 'apply', 'gap', 'gap']);
  });
});

describe('the realtime contract', () => {
  it('puts each office in a room of its own', () => {
    expect(officeRoom('abc')).toBe('office:abc');
    expect(officeRoom('abc')).not.toBe(officeRoom('abd'));
  });

  it('names events distinctly on each side', () => {
    const names = [...Object.values(ServerEvent), ...Object.values(ClientEvent)];
    expect(new Set(names).size).toBe(names.length);
  });

  it('has one ticket event type per move of the lifecycle, plus issue', () => {
    expect(Object.values(TicketEventType).sort()).toEqual([
      'called',
      'cancelled',
      'closed_end_of_day',
      'finished',
      'issued',
      'no_show',
      'no_show_undone',
      'recalled',
      'reinstated',
      'returned',
      'started',
      'transferred',
    ]);
  });
});
