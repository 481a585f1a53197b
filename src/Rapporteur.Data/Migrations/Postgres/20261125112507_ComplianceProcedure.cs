using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ComplianceProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpDeadline",
                table: "Rounds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorName",
                table: "Boxes",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Boxes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Published"); // boxes stored before this migration were all published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Boxes",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FollowUpDeadline",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "AuthorName",
                table: "Boxes");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Boxes");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Boxes");
        }
    }
}
