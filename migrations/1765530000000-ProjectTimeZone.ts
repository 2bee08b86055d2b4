import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each project has the IANA time zone its business dates and report
 * timestamps are shown in: `projects.time_zone`. The projects stored before
 * get the zone of their currency, as a project created without one does
 * (`defaultTimeZoneFor` in src/projects/time-zone.ts): Asia/Shanghai for CNY,
 * Asia/Hong_Kong for HKD, UTC for any other. The service checks the name
 * against the zones Node knows; the column only keeps it non-empty, without
 * surrounding spaces and at most 64 characters.
 */
export class ProjectTimeZone1765530000000 implements MigrationInterface {
  name = 'ProjectTimeZone1765530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE projects ADD COLUMN time_zone text');
    await queryRunner.query(`
      UPDATE projects SET time_zone = CASE currency WHEN 'CNY' THEN 'Asia/Shanghai' WHEN 'HKD' THEN 'Asia/Hong_Kong' ELSE 'UTC' END`);
    await queryRunner.query(`
      ALTER TABLE projects
        ALTER COLUMN time_zone SET NOT NULL,
        ADD CONSTRAINT projects_time_zone_check CHECK (char_length(time_zone) BETWEEN 1 AND 64 AND time_zone = btrim(time_zone))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE projects DROP COLUMN time_zone');
  }
}
