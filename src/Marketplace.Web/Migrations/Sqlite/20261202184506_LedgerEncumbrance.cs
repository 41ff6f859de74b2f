using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerEncumbrance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Encumbered",
                table: "StreetBudgetSources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Encumbered",
                table: "StreetBudgets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "EncumbranceId",
                table: "LedgerPostingGroups",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncumbranceType",
                table: "LedgerPostingGroups",
                type: "TEXT",
                maxLength: 50,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encumbered",
                table: "StreetBudgetSources");

            migrationBuilder.DropColumn(
                name: "Encumbered",
                table: "StreetBudgets");

            migrationBuilder.DropColumn(
                name: "EncumbranceId",
                table: "LedgerPostingGroups");

            migrationBuilder.DropColumn(
                name: "EncumbranceType",
                table: "LedgerPostingGroups");
        }
    }
}
