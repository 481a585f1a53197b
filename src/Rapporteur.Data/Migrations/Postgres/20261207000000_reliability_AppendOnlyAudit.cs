using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Postgres
{
    /// <summary>
    /// The audit trail is append-only in the database too, whatever the client: a trigger function raises on any UPDATE
    /// or DELETE on <c>AuditEntries</c> and <c>ContentVersions</c>, and TRUNCATE is refused as well (EF's
    /// <c>AppendOnlyInterceptor</c> stops tracked changes earlier with a clearer message). No change to the model.
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261207000000_reliability_AppendOnlyAudit")]
    public partial class reliability_AppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- BEGIN custom SQL (reliability): append-only audit triggers, PostgreSQL. Carry over when regenerating. ----
            migrationBuilder.Sql("""
                CREATE FUNCTION rapporteur_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit trail is append-only: % rows cannot be %', TG_TABLE_NAME,
                        CASE TG_OP WHEN 'UPDATE' THEN 'changed' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END
                        USING ERRCODE = 'integrity_constraint_violation';
                END;
                $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION rapporteur_append_only();
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION rapporteur_append_only();
                    """);
            }
            // ---- END custom SQL (reliability) ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_AppendOnly" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_NoTruncate" ON "{table}";""");
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS rapporteur_append_only();");
        }

        private static readonly string[] Tables = ["AuditEntries", "ContentVersions"];
    }
}
