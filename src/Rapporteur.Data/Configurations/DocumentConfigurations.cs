using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Party>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Chapters).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SourceDocumentRecord>().WithMany().HasForeignKey(x => x.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReportChapterConfiguration : IEntityTypeConfiguration<ReportChapter>
{
    public void Configure(EntityTypeBuilder<ReportChapter> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.HasMany(x => x.Paragraphs).WithOne().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.HasIndex(x => new { x.RoundId, x.Code }).IsUnique();
        b.Property(x => x.Code).HasMaxLength(30);
        b.Property(x => x.Strength).HasMaxLength(60);
        b.Property(x => x.Addressee).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Chapter).HasMaxLength(20);
        b.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SourceDocumentRecord>().WithMany().HasForeignKey(x => x.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FactsheetConfiguration : IEntityTypeConfiguration<Factsheet>
{
    public void Configure(EntityTypeBuilder<Factsheet> b)
    {
        b.HasIndex(x => new { x.RoundId, x.PartyId }).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Chapters).WithOne().HasForeignKey(x => x.FactsheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Boxes).WithOne().HasForeignKey(x => x.FactsheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Footnotes).WithOne().HasForeignKey(x => x.FactsheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SourceDocumentRecord>().WithMany().HasForeignKey(x => x.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FactsheetChapterConfiguration : IEntityTypeConfiguration<FactsheetChapter>
{
    public void Configure(EntityTypeBuilder<FactsheetChapter> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.HasMany(x => x.Blocks).WithOne().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FactsheetBlockConfiguration : IEntityTypeConfiguration<FactsheetBlock>
{
    public void Configure(EntityTypeBuilder<FactsheetBlock> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        b.HasOne(x => x.Box).WithMany().HasForeignKey(x => x.BoxId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class BoxConfiguration : IEntityTypeConfiguration<Box>
{
    public void Configure(EntityTypeBuilder<Box> b)
    {
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.AuthorName).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class FootnoteConfiguration : IEntityTypeConfiguration<Footnote>
{
    public void Configure(EntityTypeBuilder<Footnote> b)
    {
        b.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SourceDocumentConfiguration : IEntityTypeConfiguration<SourceDocumentRecord>
{
    public void Configure(EntityTypeBuilder<SourceDocumentRecord> b)
    {
        b.ToTable("SourceDocuments");
        b.HasIndex(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(500);
        b.OwnsMany(x => x.Warnings, o => o.ToJson());
    }
}
