using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// The hub's store. Each feature configures its own entities (IEntityTypeConfiguration in its folder).
/// This class carries the SQLite migrations (Storage/Migrations); <see cref="PostgreSqlDb"/> the PostgreSQL ones.
/// </summary>
public class OmnichannelDb : DbContext
{
    public OmnichannelDb(DbContextOptions<OmnichannelDb> options)
        : base(options)
    {
    }

    /// <summary>For a provider's subclass with its own migration set.</summary>
    protected OmnichannelDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactIdentity> ContactIdentities => Set<ContactIdentity>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<OutboxItem> Outbox => Set<OutboxItem>();
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<ChannelCursor> ChannelCursors => Set<ChannelCursor>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Sla.Breach> Breaches => Set<Sla.Breach>();
    public DbSet<Sla.SlaMeasurement> SlaMeasurements => Set<Sla.SlaMeasurement>();
    public DbSet<PageRule> PageRules => Set<PageRule>();
    public DbSet<EngagementRule> EngagementRules => Set<EngagementRule>();
    public DbSet<EngagementEvent> EngagementEvents => Set<EngagementEvent>();
    public DbSet<VisitorProfile> VisitorProfiles => Set<VisitorProfile>();
    public DbSet<DwellSample> DwellSamples => Set<DwellSample>();
    public DbSet<CsatSurvey> CsatSurveys => Set<CsatSurvey>();
    public DbSet<Teams.Team> Teams => Set<Teams.Team>();
    public DbSet<Teams.TeamMember> TeamMembers => Set<Teams.TeamMember>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Routing.Rules.RoutingRule> RoutingRules => Set<Routing.Rules.RoutingRule>();
    public DbSet<Settings.StoredSetting> Settings => Set<Settings.StoredSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OmnichannelDb).Assembly);
        Reports.ReportSql.Map(modelBuilder, Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe to reorder.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Every DateTime in the hub is UTC; SQLite gives them back unspecified, so mark them on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
