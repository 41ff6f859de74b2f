using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Organizations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncubationBases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<long>(type: "INTEGER", nullable: false),
                    StreetId = table.Column<long>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationBases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncubationBases_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncubationRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    BaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    BaseName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Mentor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GraduatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NegativeEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    DistrictId = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    SourceReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RevokeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NegativeEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    DistrictId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RegistrationAuthority = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LegalRepresentative = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DistrictId = table.Column<long>(type: "INTEGER", nullable: false),
                    StreetId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceAreas = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    StaffCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AssistantSocialWorkers = table.Column<int>(type: "INTEGER", nullable: false),
                    SocialWorkers = table.Column<int>(type: "INTEGER", nullable: false),
                    SeniorSocialWorkers = table.Column<int>(type: "INTEGER", nullable: false),
                    CertifiedSocialWorkers = table.Column<int>(type: "INTEGER", nullable: false),
                    IncubationBaseId = table.Column<long>(type: "INTEGER", nullable: true),
                    Incubated = table.Column<bool>(type: "INTEGER", nullable: false),
                    PastProjects = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Uscc);
                    table.ForeignKey(
                        name: "FK_Organizations_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationStatusChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncubationBases_DistrictId_Name",
                table: "IncubationBases",
                columns: new[] { "DistrictId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncubationRecords_Uscc",
                table: "IncubationRecords",
                column: "Uscc");

            migrationBuilder.CreateIndex(
                name: "IX_NegativeEntries_DistrictId_StartsOn",
                table: "NegativeEntries",
                columns: new[] { "DistrictId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_NegativeEntries_Uscc",
                table: "NegativeEntries",
                column: "Uscc");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDocuments_Uscc",
                table: "OrganizationDocuments",
                column: "Uscc");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DistrictId_Status",
                table: "Organizations",
                columns: new[] { "DistrictId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Name",
                table: "Organizations",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationStatusChanges_Uscc_Sequence",
                table: "OrganizationStatusChanges",
                columns: new[] { "Uscc", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncubationBases");

            migrationBuilder.DropTable(
                name: "IncubationRecords");

            migrationBuilder.DropTable(
                name: "NegativeEntries");

            migrationBuilder.DropTable(
                name: "OrganizationDocuments");

            migrationBuilder.DropTable(
                name: "Organizations");

            migrationBuilder.DropTable(
                name: "OrganizationStatusChanges");
        }
    }
}
