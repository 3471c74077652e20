using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
{
    /// <summary>
    /// Offers say whether their conversation is a live chat, so an operator's load (pending offers, live and async) is
    /// counted from the index Offers(OperatorId, State, Live) alone instead of looking up every offer's conversation.
    /// Existing offers are filled from their conversation's channel.
    /// </summary>
    public partial class OfferLive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offers_OperatorId_State",
                table: "Offers");

            migrationBuilder.AddColumn<bool>(
                name: "Live",
                table: "Offers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""UPDATE "Offers" SET "Live" = TRUE WHERE "ConversationId" IN (SELECT "Id" FROM "Conversations" WHERE "Channel" = 'WebChat')""");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_OperatorId_State_Live",
                table: "Offers",
                columns: new[] { "OperatorId", "State", "Live" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offers_OperatorId_State_Live",
                table: "Offers");

            migrationBuilder.DropColumn(
                name: "Live",
                table: "Offers");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_OperatorId_State",
                table: "Offers",
                columns: new[] { "OperatorId", "State" });
        }
    }
}
