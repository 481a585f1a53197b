using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapporteur.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorName",
                table: "Boxes",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Boxes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Published"); // boxes stored before this migration were all published

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Boxes",
                type: "TEXT",
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
