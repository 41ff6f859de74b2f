using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Web.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    StreetId = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    BaseId = table.Column<long>(type: "bigint", nullable: false),
                    BaseName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Mentor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GraduatedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NegativeEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    SourceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NegativeEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OriginalName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StoredName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RegistrationAuthority = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LegalRepresentative = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContactPerson = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DistrictId = table.Column<long>(type: "bigint", nullable: false),
                    StreetId = table.Column<long>(type: "bigint", nullable: true),
                    ServiceAreas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StaffCount = table.Column<int>(type: "integer", nullable: false),
                    AssistantSocialWorkers = table.Column<int>(type: "integer", nullable: false),
                    SocialWorkers = table.Column<int>(type: "integer", nullable: false),
                    SeniorSocialWorkers = table.Column<int>(type: "integer", nullable: false),
                    CertifiedSocialWorkers = table.Column<int>(type: "integer", nullable: false),
                    IncubationBaseId = table.Column<long>(type: "bigint", nullable: true),
                    Incubated = table.Column<bool>(type: "boolean", nullable: false),
                    PastProjects = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
