using Omnichannel.Hub.Reports;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>A generated Dutch + English corpus (fixed seed) with four planted questions among noise.</summary>
public sealed class TopicsTests
{
    private static readonly string[] Greetings = ["", "Hi, ", "Hello! ", "Hoi, ", "Goedemiddag, ", "Hey "];
    private static readonly string[] Tails = ["", " please", " thanks!", " alvast bedankt", "?", "??", " :)"];

    private static (List<FirstMessage> Corpus, Dictionary<string, int> Planted) Corpus(int seed)
    {
        var random = new Random(seed);
        var planted = new Dictionary<string, (int Count, string[] Wordings, double Response)>
        {
            ["order where"] = (34, ["Where is my order", "where is my order #{0}", "Where's my order? It is late", "where is my order, I ordered on {0} May"], 20),
            ["bestelling waar"] = (27, ["Waar is mijn bestelling", "waar blijft... waar is mijn bestelling {0}", "Waar is mijn bestelling? Nog niet ontvangen"], 25),
            ["can return shoe"] = (21, ["Can I return my shoes", "can I return these shoes, they are too small", "Can I return the shoes I bought on {0} March"], 90),
            ["hoe kan retourneren"] = (16, ["Hoe kan ik retourneren", "hoe kan ik dit retourneren?", "Hoe kan ik mijn jas retourneren"], 40),
        };
        string[] noise = ["do you sell gift cards", "is the store in Utrecht open on sunday", "mijn kortingscode werkt niet", "I want to change my address",
            "wat zijn de verzendkosten naar België", "the zipper of my jacket broke", "kan ik met ideal betalen", "do you have this in size 44"];
        var corpus = new List<FirstMessage>();
        foreach (var (_, (count, wordings, response)) in planted)
            for (var i = 0; i < count; i++)
                corpus.Add(new FirstMessage(0, Greetings[random.Next(Greetings.Length)] + string.Format(wordings[random.Next(wordings.Length)], random.Next(1, 9999)) + Tails[random.Next(Tails.Length)],
                    response + random.Next(10), 3 + random.Next(3)));
        foreach (var text in noise)
            corpus.Add(new FirstMessage(0, text, 15, 5));
        var shuffled = corpus.OrderBy(_ => random.Next()).Select((m, i) => m with { ConversationId = i + 1 }).ToList();
        return (shuffled, planted.ToDictionary(p => p.Key, p => p.Value.Count));
    }

    [Fact]
    public void ThePlantedQuestions_AreTheTopQuestions_InOrderOfHowOftenTheyWereAsked()
    {
        var (corpus, planted) = Corpus(seed: 15);
        var report = Topics.Analyse(corpus);
        var top = report.Questions.Take(4).ToList();
        Assert.Equal(planted.Keys, top.Select(q => string.Join(' ', q.KeyTerms)));
        Assert.Equal(planted.Values, top.Select(q => q.Conversations));
        Assert.Equal(["Where is my order", "Waar is mijn bestelling", "Can I return my shoes", "Hoe kan ik retourneren"], top.Select(q => q.Question));
        Assert.DoesNotContain(report.Questions.Skip(4), q => q.Conversations > 1);
    }

    [Fact]
    public void Keywords_AreCountedPerConversation_WithoutStopWords()
    {
        var (corpus, planted) = Corpus(seed: 15);
        var report = Topics.Analyse(corpus);
        // Ties go to the longer phrase: "where order" (34) before "order" (34).
        Assert.Equal(planted["order where"], report.Keywords[0].Conversations);
        Assert.Contains(new Keyword("order", planted["order where"]), report.Keywords);
        Assert.Contains(new Keyword("where order", planted["order where"]), report.Keywords);
        Assert.Contains(new Keyword("bestelling", planted["bestelling waar"]), report.Keywords);
        Assert.DoesNotContain(report.Keywords, k => StopWords.All.Contains(k.Term));
    }

    [Fact]
    public void SlowAndPoorlyRatedQuestions_CarryTheirMeans()
    {
        var (corpus, _) = Corpus(seed: 15);
        var returns = Topics.Analyse(corpus).Questions.Single(q => q.KeyTerms.SequenceEqual(["can", "return", "shoe"]));
        var members = corpus.Where(m => Topics.Tokenise(m.Text).ToHashSet().IsSupersetOf(["can", "return", "shoe"])).ToList();
        Assert.Equal(Math.Round(members.Average(m => m.FirstResponseSeconds!.Value), 1), returns.MeanFirstResponseSeconds);
        Assert.Equal(Math.Round(members.Average(m => (double)m.Csat!.Value), 1), returns.CsatAverage);
    }

    [Theory]
    [InlineData("Waar is mijn bestelling?", new[] { "waar", "bestelling" })]
    [InlineData("Where's my ORDER #123, it's late!", new[] { "where", "order", "late" })]
    [InlineData("Hoe kan ik retourneren, café crème", new[] { "hoe", "kan", "retourneren", "cafe", "creme" })]
    [InlineData("Can I return my shoes?", new[] { "can", "return", "shoe" })]
    public void Tokenise_FoldsCaseAndAccents_AndDropsStopWordsAndNumbers(string text, string[] terms) =>
        Assert.Equal(terms, Topics.Tokenise(text));
}
