import http from "node:http";
import { percentile } from "./stats";

export type LoadRequest = { path: string; headers: Record<string, string>; body: string };
export type LoadResult = { requests: number; ok: number; failed: number; seconds: number; rate: number; p50: number; p99: number; statuses: Record<number, number> };

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the last
 * one answered, for `seconds`. Keep-alive connections, like a provider's delivery workers.
 */
export async function runLoad(origin: string, concurrency: number, seconds: number, next: (i: number) => LoadRequest): Promise<LoadResult> {
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let counter = 0;
  let ok = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();

  const send = (request: LoadRequest) =>
    new Promise<number>((resolve) => {
      const body = Buffer.from(request.body);
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: request.path,
          headers: { ...request.headers, "content-length": String(body.length) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const request = next(counter++);
        const t0 = performance.now();
        const status = await send(request);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
        else failed++;
      }
    }),
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: ok + failed, ok, failed, seconds: elapsed, rate: ok / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}
