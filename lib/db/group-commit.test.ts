import { describe, expect, it } from "vitest";
import { groupCommit } from "@/lib/db/group-commit";

/** A `run` that records its batches and answers after `release()`. */
function recorder() {
  const batches: number[][] = [];
  let release = () => {};
  let gate = new Promise<void>((r) => (release = r));
  const run = async (items: number[]) => {
    batches.push(items);
    await gate;
    return items.map((n) => n * 10);
  };
  return {
    batches,
    run,
    open: () => {
      release();
      gate = new Promise<void>((r) => (release = r));
    },
  };
}

describe("group commit", () => {
  it("writes what arrives in one turn as one batch, and what arrives meanwhile as the next", async () => {
    const rec = recorder();
    const batcher = groupCommit(rec.run, { maxBatch: 10, maxInFlight: 1 });
    const first = [1, 2, 3].map((n) => batcher.add(n));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => batcher.add(n));
    await new Promise((r) => setImmediate(r));
    expect(rec.batches).toEqual([[1, 2, 3]]);
    rec.open();
    expect(await Promise.all(first)).toEqual([10, 20, 30]);
    await new Promise((r) => setImmediate(r));
    expect(rec.batches).toEqual([[1, 2, 3], [4, 5]]);
    rec.open();
    expect(await Promise.all(second)).toEqual([40, 50]);
  });

  it("keeps batches within their size and clashing items apart", async () => {
    const rec = recorder();
    const batcher = groupCommit(rec.run, { maxBatch: 2, maxInFlight: 3, sameBatch: (a, b) => a % 10 === b % 10 });
    const all = [1, 11, 2, 3].map((n) => batcher.add(n));
    await new Promise((r) => setImmediate(r));
    expect(rec.batches).toEqual([[1, 2], [11, 3]]);
    rec.open();
    expect(await Promise.all(all)).toEqual([10, 110, 20, 30]);
  });

  it("hands a failed batch's error to each of its callers and goes on with the next", async () => {
    let calls = 0;
    const batcher = groupCommit(
      async (items: string[]) => {
        calls++;
        if (calls === 1) throw new Error("deadlock detected");
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = await Promise.allSettled([batcher.add("a"), batcher.add("b")]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await batcher.add("c")).toBe("C");
  });
});
