using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Configurations;

internal sealed class TranslationConfiguration : IEntityTypeConfiguration<Translation>
{
    public void Configure(EntityTypeBuilder<Translation> builder)
    {
        builder.Property(t => t.TargetKind).HasMaxLength(32);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.SourceHash).HasMaxLength(64);
        builder.Property(t => t.TranslatorName).HasMaxLength(256);
        // One translation per piece of content and language.
        builder.HasIndex(t => new { t.TargetKind, t.TargetId, t.Language }).IsUnique();
    }
}
