using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Simulation;

/// <summary>The simulated day's participants: operators on shift, chats, and offers made to operators.</summary>
public sealed partial class Simulator
{
    private sealed class Op(long id, Shift shift)
    {
        public long Id { get; } = id;
        public Shift Shift { get; } = shift;
        public Presence Presence { get; set; } = Presence.Offline;
        public int Active { get; set; }
        public DateTime? LastAssignedAt { get; set; }
    }

    private enum ChatState { Waiting, Assigned, Closed }

    private sealed class Chat(long id, double arrivedAt, int visitor)
    {
        public long Id { get; } = id;
        public double ArrivedAt { get; } = arrivedAt;
        public int Visitor { get; } = visitor;
        public ChatState State { get; set; }
        public long? OperatorId { get; set; }
        public double AcceptedAt { get; set; }
        public DateTime? BroadcastAt { get; set; }
        public DateTime? SupervisorsAlertedAt { get; set; }
        public HashSet<long> Excluded { get; } = [];
    }

    private sealed class PendingOffer(long id, Chat chat, long operatorId, double expiresAt, bool broadcast)
    {
        public long Id { get; } = id;
        public Chat Chat { get; } = chat;
        public long OperatorId { get; } = operatorId;
        public double ExpiresAt { get; } = expiresAt;
        public bool Broadcast { get; } = broadcast;
        public OfferState State { get; set; } = OfferState.Pending;
    }
}
