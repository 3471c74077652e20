using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

public sealed partial class InboundWriter
{
    /// <summary>
    /// The writer's own context, kept from group to group with its connection open and DirectSave's statements compiled:
    /// a group then costs no scope, no context from the pool and no opening of a pooled connection (on SQLite each opening
    /// registers EF's functions again) — the bulk of a lone message's cost in a quiet moment. Dropped after any failure.
    /// </summary>
    private sealed class Session(AsyncServiceScope scope, OmnichannelDb db, InboundStager stager, InboundRouting routing) : IAsyncDisposable
    {
        public OmnichannelDb Db => db;
        public InboundStager Stager => stager;

        /// <summary>From the same scope: the engine and the rules step use the writer's context and connection.</summary>
        public InboundRouting Routing => routing;

        private IAsyncDisposable? unsynced;

        /// <param name="unsynced">Commits without a disk sync of their own (<see cref="CommitSync.Deferred"/>).</param>
        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes, bool unsynced)
        {
            var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var services = scope.ServiceProvider;
            var session = new Session(scope, db, services.GetRequiredService<InboundStager>(), services.GetRequiredService<InboundRouting>());
            try
            {
                if (unsynced)
                    session.unsynced = await SqliteUnsynced.OpenAsync(db, SqliteSynchronous.Full, CancellationToken.None);
                else
                    await db.Database.OpenConnectionAsync();
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
            DirectSave.KeepCommands(db);
            return session;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await DirectSave.ForgetCommandsAsync(db);
                // Unsynced: the connection's setting is restored before it goes back to the pool (or the pool is cleared).
                if (unsynced is not null)
                    await unsynced.DisposeAsync();
                else
                    await db.Database.CloseConnectionAsync();
            }
            finally
            {
                await scope.DisposeAsync();
            }
        }
    }
}
