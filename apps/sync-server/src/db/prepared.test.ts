import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './client.ts';
import {
  beforeCommit,
  immediateTransaction,
  runDeferredNow,
  settleWrites,
  transactionScoped,
  writeBehind,
} from './prepared.ts';
import { createTestDatabase } from './test-database.ts';

let db: Db;
beforeEach(() => {
  db = createTestDatabase();
  db.$client.exec('create table notes (n integer)');
});
const notes = () => (db.$client.prepare('select n from notes order by rowid').all() as { n: number }[]).map((r) => r.n);
const note = (n: number) => db.$client.prepare('insert into notes (n) values (?)').run(n);

describe('beforeCommit', () => {
  it('runs the last work asked for under each key once, at the end of the transaction, in order of last asking', () => {
    immediateTransaction(db, (tx) => {
      beforeCommit(tx, 'a', () => note(1));
      beforeCommit(tx, 'b', () => note(2));
      beforeCommit(tx, 'a', () => note(3));
      note(0);
    });
    expect(notes()).toEqual([0, 2, 3]);
  });

  it('runs work deferred by deferred work, and nothing when the transaction throws', () => {
    immediateTransaction(db, (tx) => beforeCommit(tx, 'a', () => beforeCommit(tx, 'b', () => note(1))));
    expect(() =>
      immediateTransaction(db, (tx) => {
        beforeCommit(tx, 'c', () => note(2));
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(notes()).toEqual([1]);
  });

  it('runs at once outside an immediateTransaction', () => {
    db.transaction((tx) => {
      beforeCommit(tx, 'a', () => note(1));
      note(2);
    });
    expect(notes()).toEqual([1, 2]);
  });
});

describe('runDeferredNow', () => {
  it('runs the waiting work of a key now, and not again at the end', () => {
    immediateTransaction(db, (tx) => {
      beforeCommit(tx, 'a', () => note(1));
      runDeferredNow(tx, 'a');
      note(2);
      runDeferredNow(tx, 'missing');
    });
    expect(notes()).toEqual([1, 2]);
  });
});

describe('writeBehind', () => {
  it('runs when the transaction is settled (once), and otherwise before it commits', () => {
    immediateTransaction(db, (tx) => {
      writeBehind(tx, 'kept', () => note(1));
      beforeCommit(tx, 'end', () => note(9));
      settleWrites(tx);
      note(2);
      writeBehind(tx, 'kept', () => note(3));
      settleWrites(tx);
      writeBehind(tx, 'later', () => note(4));
    });
    expect(notes()).toEqual([1, 2, 3, 9, 4]);
  });

  it('runs at once outside an immediateTransaction', () => {
    writeBehind(db, 'kept', () => note(1));
    settleWrites(db);
    expect(notes()).toEqual([1]);
  });
});

describe('transactionScoped', () => {
  it('shares one value for the rest of an immediateTransaction, and a new one in the next', () => {
    const seen: number[][] = [];
    for (let i = 0; i < 2; i++)
      immediateTransaction(db, (tx) => {
        transactionScoped(tx, 'k', () => [] as number[]).push(i);
        seen.push(transactionScoped(tx, 'k', () => [] as number[]));
      });
    expect(seen).toEqual([[0], [1]]);
  });

  it('makes a fresh value on every call outside one', () => {
    const first = transactionScoped(db, 'k', () => ({}));
    expect(transactionScoped(db, 'k', () => ({}))).not.toBe(first);
  });

  it('drops what was kept when the transaction rolls back', () => {
    expect(() =>
      immediateTransaction(db, (tx) => {
        transactionScoped(tx, 'k', () => ['kept']);
        throw new Error('no');
      }),
    ).toThrow('no');
    immediateTransaction(db, (tx) => expect(transactionScoped(tx, 'k', () => ['new'])).toEqual(['new']));
  });

  it('forgets what the outer transaction kept once a nested one has ended', () => {
    immediateTransaction(db, (tx) => {
      const outer = transactionScoped(tx, 'k', () => ({ n: 1 }));
      immediateTransaction(db, (inner) => expect(transactionScoped(inner, 'k', () => ({ n: 2 }))).toEqual({ n: 2 }));
      expect(transactionScoped(tx, 'k', () => ({ n: 3 }))).not.toBe(outer);
    });
  });
});
