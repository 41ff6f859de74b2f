using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Encumbered",
                table: "StreetBudgets",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "EncumbranceId",
                table: "LedgerPostingGroups",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncumbranceType",
                table: "LedgerPostingGroups",
                type: "character varying(50)",
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
