import { nextRotation } from './use-rotation';

describe('nextRotation', () => {
  it('shows every page of a notice before the next notice, and starts again after the last', () => {
    const pages = [1, 3, 2];
    const seen: string[] = [];
    let at = { notice: 0, page: 0 };
    for (let i = 0; i < 7; i++) {
      seen.push(`${at.notice}.${at.page}`);
      at = nextRotation(at, pages);
    }
    expect(seen).toEqual(['0.0', '1.0', '1.1', '1.2', '2.0', '2.1', '0.0']);
  });

  it('stays on the one notice there is, turning its pages', () => {
    expect(nextRotation({ notice: 0, page: 0 }, [1])).toEqual({ notice: 0, page: 0 });
    expect(nextRotation({ notice: 0, page: 0 }, [2])).toEqual({ notice: 0, page: 1 });
    expect(nextRotation({ notice: 0, page: 1 }, [2])).toEqual({ notice: 0, page: 0 });
  });

  it('starts from the first notice when the one shown is gone, and from nothing at all', () => {
    expect(nextRotation({ notice: 2, page: 1 }, [1, 1])).toEqual({ notice: 0, page: 0 });
    expect(nextRotation({ notice: 1, page: 0 }, [])).toEqual({ notice: 0, page: 0 });
  });
});
