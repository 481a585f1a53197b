using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Configurations;

internal sealed class VocabularyConfiguration : IEntityTypeConfiguration<Vocabulary>
{
    public void Configure(EntityTypeBuilder<Vocabulary> b)
    {
        b.HasIndex(x => new { x.BodyId, x.Key }).IsUnique();
        b.Property(x => x.Key).HasMaxLength(60);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Terms).WithOne(t => t.Vocabulary).HasForeignKey(t => t.VocabularyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> b)
    {
        b.HasIndex(x => new { x.VocabularyId, x.Code }).IsUnique();
        b.Property(x => x.Code).HasMaxLength(60);
        b.Property(x => x.Label).HasMaxLength(300);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaggingConfiguration : IEntityTypeConfiguration<Tagging>
{
    public void Configure(EntityTypeBuilder<Tagging> b)
    {
        b.HasIndex(x => new { x.TargetKind, x.TargetId, x.TermId }).IsUnique();
        b.HasIndex(x => new { x.TermId, x.State });
        b.Property(x => x.TargetKind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(30);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasOne(x => x.Term).WithMany().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Cascade);
    }
}
