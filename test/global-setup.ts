import { redisServerPath } from './helpers/redis-path';

/** One line, once per run, when the Redis tests cannot run here (see helpers/redis-server.ts). */
export default function globalSetup(): void {
  if (!redisServerPath() && process.env.REQUIRE_REDIS_TESTS !== '1')
    process.stdout.write(
      '\n*** Redis tests NOT run: redis-server is not installed (Debian: sudo apt-get install -y redis-server, or set REDIS_SERVER_PATH). Everything else runs. ***\n\n',
    );
}
