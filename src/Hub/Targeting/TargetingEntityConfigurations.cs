using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Omnichannel.Hub.Csat;

namespace Omnichannel.Hub.Targeting;

/// <summary>Small owner-edited structures (conditions, greetings per language) stored as one JSON column.</summary>
internal sealed class JsonColumn<T>() : ValueConverter<T, string>(
    v => JsonSerializer.Serialize(v, Options),
    v => JsonSerializer.Deserialize<T>(v, Options)!)
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static readonly ValueComparer<T> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
}

internal sealed class PageRuleConfiguration : IEntityTypeConfiguration<PageRule>
{
    public void Configure(EntityTypeBuilder<PageRule> b) => b.Property(r => r.Pattern).HasMaxLength(300);
}

internal sealed class EngagementRuleConfiguration : IEntityTypeConfiguration<EngagementRule>
{
    public void Configure(EntityTypeBuilder<EngagementRule> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Pages).HasMaxLength(300);
        b.Property(r => r.Conditions).HasConversion(new JsonColumn<List<RuleCondition>>(), JsonColumn<List<RuleCondition>>.Comparer);
        b.Property(r => r.Greeting).HasConversion(new JsonColumn<Dictionary<string, string>>(), JsonColumn<Dictionary<string, string>>.Comparer);
    }
}

internal sealed class EngagementEventConfiguration : IEntityTypeConfiguration<EngagementEvent>
{
    public void Configure(EntityTypeBuilder<EngagementEvent> b)
    {
        b.Property(e => e.VisitorId).HasMaxLength(64);
        b.HasIndex(e => new { e.RuleId, e.Kind });
        b.HasIndex(e => new { e.VisitorId, e.At });
    }
}

internal sealed class VisitorProfileConfiguration : IEntityTypeConfiguration<VisitorProfile>
{
    public void Configure(EntityTypeBuilder<VisitorProfile> b)
    {
        b.HasKey(v => v.VisitorId);
        b.Property(v => v.VisitorId).HasMaxLength(64);
        b.Property(v => v.Identity).HasMaxLength(2000);
    }
}

internal sealed class DwellSampleConfiguration : IEntityTypeConfiguration<DwellSample>
{
    public void Configure(EntityTypeBuilder<DwellSample> b)
    {
        b.Property(s => s.Path).HasMaxLength(300);
        b.HasIndex(s => s.At);
    }
}

internal sealed class CsatSurveyConfiguration : IEntityTypeConfiguration<CsatSurvey>
{
    public void Configure(EntityTypeBuilder<CsatSurvey> b)
    {
        b.Property(s => s.Token).HasMaxLength(64);
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.Property(s => s.Note).HasMaxLength(300);
        b.HasIndex(s => s.Token).IsUnique();
        b.HasIndex(s => s.ConversationId);
        b.HasIndex(s => new { s.OperatorId, s.AnsweredAt });
    }
}
