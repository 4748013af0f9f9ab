import { describe, expect, it } from "vitest";
import { batcher } from "@/lib/db/batcher";

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

describe("batcher", () => {
  it("writes what arrives in one turn as one batch, and what arrives meanwhile as the next", async () => {
    const rec = recorder();
    const together = batcher(rec.run, { maxBatch: 10, maxInFlight: 1 });
    const first = [1, 2, 3].map((n) => together.add(n));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => together.add(n));
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
    const together = batcher(rec.run, { maxBatch: 2, maxInFlight: 3, sameBatch: (a, b) => a % 10 === b % 10 });
    const all = [1, 11, 2, 3].map((n) => together.add(n));
    await new Promise((r) => setImmediate(r));
    expect(rec.batches).toEqual([[1, 2], [11, 3]]);
    rec.open();
    expect(await Promise.all(all)).toEqual([10, 110, 20, 30]);
  });

  it("hands a failed batch's error to each of its callers and goes on with the next", async () => {
    let calls = 0;
    const together = batcher(
      async (items: string[]) => {
        calls++;
        if (calls === 1) throw new Error("deadlock detected");
        return items.map((s) => s.toUpperCase());
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = await Promise.allSettled([together.add("a"), together.add("b")]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await together.add("c")).toBe("C");
  });
});
