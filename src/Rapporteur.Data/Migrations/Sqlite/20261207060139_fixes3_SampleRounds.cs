using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class fixes3_SampleRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSample",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // ---- custom SQL (fixes3): carry over when regenerating this migration ----
            // A tagging sample loaded before this column existed (`serve --demo`, `tags sample`) is marked as one.
            migrationBuilder.Sql("""UPDATE "Rounds" SET "IsSample" = 1 WHERE "Number" = 2 AND "Theme" = 'Tagging sample' AND "Status" = 'Closed' AND NOT EXISTS (SELECT 1 FROM "Replies" WHERE "Replies"."RoundId" = "Rounds"."Id") AND NOT EXISTS (SELECT 1 FROM "Sections" WHERE "Sections"."RoundId" = "Rounds"."Id");""");
            // ---- end of custom SQL ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsSample",
                table: "Rounds");
        }
    }
}
