using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data;

/// <summary>The store of the monitoring procedure. Configuration lives in one IEntityTypeConfiguration per entity.</summary>
public sealed class RapporteurDbContext(DbContextOptions<RapporteurDbContext> options) : IdentityDbContext<User>(options)
{
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<Reply> Replies => Set<Reply>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<Factsheet> Factsheets => Set<Factsheet>();
    public DbSet<FactsheetChapter> FactsheetChapters => Set<FactsheetChapter>();
    public DbSet<FactsheetBlock> FactsheetBlocks => Set<FactsheetBlock>();
    public DbSet<Box> Boxes => Set<Box>();
    public DbSet<Footnote> Footnotes => Set<Footnote>();
    public DbSet<SourceDocumentRecord> SourceDocuments => Set<SourceDocumentRecord>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ReplyAttachment> ReplyAttachments => Set<ReplyAttachment>();
    public DbSet<Translation> Translations => Set<Translation>();
    public DbSet<Vocabulary> Vocabularies => Set<Vocabulary>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Tagging> Taggings => Set<Tagging>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RapporteurDbContext).Assembly);
    }
}
