using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reads15CatalogOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TransferItems_Status_DistrictId_StreetId_Title",
                table: "TransferItems",
                columns: new[] { "Status", "DistrictId", "StreetId", "Title" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TransferItems_Status_DistrictId_StreetId_Title",
                table: "TransferItems");
        }
    }
}
