using CsCheck;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>The drain reads the queue a page at a time (issue 18); planning page by page decides exactly what planning the whole queue would.</summary>
public sealed class PagedPlanPropertyTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Gen<Candidate> Operator = Gen.Select(Gen.Int[1, 6], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool,
        (id, live, async, activeLive, activeAsync, dutch) => new Candidate(id, Presence.Available, live, async, activeLive, activeAsync, dutch ? ["nl"] : [], T0.AddMinutes(-id)));

    private static readonly Gen<QueuedConversation> Conversation = Gen.Select(Gen.Int[1, 500], Gen.Bool, Gen.Int[0, 30], Gen.Int[0, 4], Gen.Int[0, 6],
        (id, live, deadline, skill, excluded) => new QueuedConversation(id, live ? ChannelKind.WebChat : ChannelKind.Email, T0.AddSeconds(deadline), skill == 0 ? ["nl"] : [])
        {
            Excluded = new HashSet<long> { excluded },
        });

    [Fact]
    public void PlanningPageByPage_DecidesWhatPlanningTheWholeQueueDoes() =>
        Gen.Select(Operator.List[0, 5], Conversation.List[0, 60], Gen.Int[1, 7]).Sample((operators, conversations, pageSize) =>
        {
            var pool = operators.DistinctBy(o => o.OperatorId).ToList();
            var queue = conversations.DistinctBy(c => c.Id).OrderBy(c => c.Deadline).ThenBy(c => c.Id).ToList();
            var whole = Router.Plan(pool, queue, T0);
            var paged = new List<(QueuedConversation, Candidate)>();
            foreach (var page in queue.Chunk(pageSize))
            {
                var (plan, remaining) = Router.PlanPage(pool, page, T0);
                paged.AddRange(plan);
                pool = remaining;
            }
            Assert.Equal(whole.Select(p => (p.Conversation.Id, p.Operator.OperatorId)), paged.Select(p => (p.Item1.Id, p.Item2.OperatorId)));
        }, iter: 5_000);
}
