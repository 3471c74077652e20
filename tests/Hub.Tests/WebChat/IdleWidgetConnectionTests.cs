using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>
/// What an idle widget connection keeps on the hub for as long as it is open. A WebSocket's request scope lives as
/// long as the socket, so whatever is resolved in it while the connection is authorized stays: no database context
/// (the pool's 1,024 would be taken by the first thousand idle widgets, and each weighs kilobytes). That operators are
/// still checked against their stored account on every request: PeopleAdminTests (a disabled or demoted operator).
/// </summary>
public sealed class IdleWidgetConnectionTests : IClassFixture<IdleWidgetConnectionTests.Factory>
{
    private readonly Factory hub;

    public IdleWidgetConnectionTests(Factory hub) => this.hub = hub;

    /// <summary>Counts the scopes (requests, hub invocations, background work) that hold the hub's database context right now.</summary>
    public sealed class Factory : HubFactory
    {
        public HeldContexts Held { get; } = new();

        public Factory() => OverrideServices = services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(OmnichannelDb));
            services.AddSingleton(Held);
            services.AddScoped<HeldContexts.InScope>();
            services.Add(ServiceDescriptor.Scoped(typeof(OmnichannelDb), sp =>
            {
                sp.GetRequiredService<HeldContexts.InScope>().Take();
                return original.ImplementationFactory!(sp);
            }));
        };
    }

    public sealed class HeldContexts
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public sealed class InScope(HeldContexts held) : IDisposable
        {
            private int taken;

            public void Take()
            {
                if (Interlocked.Exchange(ref taken, 1) == 0)
                    Interlocked.Increment(ref held.count);
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref taken, 0) == 1)
                    Interlocked.Decrement(ref held.count);
            }
        }
    }

    [Fact]
    public async Task IdleWidgets_HoldNoDatabaseContext_WhileTheyStayConnectedAndAnswered()
    {
        const int widgets = 30;
        var connections = new List<VisitorListener>();
        try
        {
            for (var i = 0; i < widgets; i++)
            {
                var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
                connections.Add(widget);
                // An invocation answered: the connection is authorized, open and served (its invocation scope is disposed again).
                var state = await widget.Connection.InvokeAsync<Omnichannel.Hub.Routing.WidgetState>("State");
                Assert.False(string.IsNullOrEmpty(state.Message));
            }

            Assert.All(connections, c => Assert.Equal(HubConnectionState.Connected, c.Connection.State));
            // Background work (sweeps, the event processor) may hold a few at any instant; one per widget would be 30.
            Assert.True(hub.Held.Count < widgets / 3, $"{hub.Held.Count} scopes hold a database context with {widgets} idle widgets connected");
        }
        finally
        {
            foreach (var c in connections)
                await c.DisposeAsync();
        }
    }
}
