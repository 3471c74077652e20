namespace Omnichannel.Hub.Routing;

/// <summary>
/// Routing decisions in one process are taken one at a time, so two messages arriving together never
/// offer the same last free slot twice. (Several hub processes need sticky routing per conversation.)
/// </summary>
public sealed class RoutingLock
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                gate.Release();
        }
    }
}
