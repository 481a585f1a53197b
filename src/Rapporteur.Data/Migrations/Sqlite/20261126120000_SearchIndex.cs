using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
{
    /// <summary>
    /// The search index, outside the EF model (no entity, no change to the model snapshot): <c>SearchDocuments</c>
    /// holds one row per searchable thing, written by <c>SearchIndexer</c> in the transaction of every save; the FTS5
    /// table <c>SearchIndex</c> indexes its title and text (external content) and follows it through triggers. The
    /// <c>rebuild</c> flag makes the next <c>DataStore.MigrateAsync</c> index what the database already holds.
    /// </summary>
    [DbContext(typeof(RapporteurDbContext))]
    [Migration("20261126120000_SearchIndex")]
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "SearchDocuments" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_SearchDocuments" PRIMARY KEY AUTOINCREMENT,
                    "Type" TEXT NOT NULL,
                    "Key" TEXT NOT NULL,
                    "SourceId" INTEGER NOT NULL,
                    "OwnerType" TEXT NOT NULL,
                    "OwnerId" INTEGER NOT NULL,
                    "Body" TEXT NOT NULL,
                    "RoundId" INTEGER NOT NULL,
                    "RoundNumber" INTEGER NOT NULL,
                    "PartyId" INTEGER NULL,
                    "Party" TEXT NULL,
                    "Section" TEXT NULL,
                    "Strength" TEXT NULL,
                    "Addressee" TEXT NULL,
                    "BoxType" TEXT NULL,
                    "Language" TEXT NOT NULL DEFAULT 'en',
                    "Visibility" INTEGER NOT NULL,
                    "Title" TEXT NOT NULL,
                    "Url" TEXT NOT NULL,
                    "Text" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_Owner" ON "SearchDocuments" ("OwnerType", "OwnerId");""");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
                    "Title", "Text",
                    content = 'SearchDocuments', content_rowid = 'Id',
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Insert" AFTER INSERT ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text") VALUES (new."Id", new."Title", new."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Delete" AFTER DELETE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text") VALUES ('delete', old."Id", old."Title", old."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_Update" AFTER UPDATE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchIndex" ("SearchIndex", rowid, "Title", "Text") VALUES ('delete', old."Id", old."Title", old."Text");
                    INSERT INTO "SearchIndex" (rowid, "Title", "Text") VALUES (new."Id", new."Title", new."Text");
                END;
                """);
            migrationBuilder.Sql("""CREATE TABLE "SearchState" ("Key" TEXT NOT NULL CONSTRAINT "PK_SearchState" PRIMARY KEY, "Value" TEXT NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "SearchState" ("Key", "Value") VALUES ('rebuild', '1');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "SearchState";""");
            migrationBuilder.Sql("""DROP TRIGGER "SearchDocuments_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "SearchDocuments_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "SearchDocuments_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "SearchIndex";""");
            migrationBuilder.Sql("""DROP TABLE "SearchDocuments";""");
        }
    }
}
