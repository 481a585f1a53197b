using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Configurations;

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> b)
    {
        b.HasIndex(x => x.ShortName).IsUnique();
        b.Property(x => x.ShortName).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Convention).HasMaxLength(500);
        b.HasMany(x => x.Strengths).WithOne().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Rounds).WithOne(x => x.Body).HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StrengthConfiguration : IEntityTypeConfiguration<Strength>
{
    public void Configure(EntityTypeBuilder<Strength> b)
    {
        b.HasIndex(x => new { x.BodyId, x.Key }).IsUnique();
        b.Property(x => x.Key).HasMaxLength(60);
    }
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.HasIndex(x => new { x.BodyId, x.Number }).IsUnique();
        b.Property(x => x.Theme).HasMaxLength(500);
        b.Property(x => x.TitleEn).HasMaxLength(1000);
        b.Property(x => x.TitleFr).HasMaxLength(1000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.HasIndex(x => new { x.RoundId, x.Number }).IsUnique();
        b.Property(x => x.Number).HasMaxLength(20);
        b.HasOne<Round>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionItemConfiguration : IEntityTypeConfiguration<QuestionItem>
{
    public void Configure(EntityTypeBuilder<QuestionItem> b)
    {
        b.HasIndex(x => new { x.QuestionId, x.Letter }).IsUnique();
        b.Property(x => x.Letter).HasMaxLength(1);
    }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> b)
    {
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
    }
}

internal sealed class ReplyConfiguration : IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Reply> b)
    {
        b.HasIndex(x => new { x.RoundId, x.PartyId }).IsUnique();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Round).WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ReplyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SourceDocumentRecord>().WithMany().HasForeignKey(x => x.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> b)
    {
        b.HasIndex(x => new { x.ReplyId, x.QuestionId }).IsUnique();
        b.HasOne(x => x.Question).WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.ItemAnswers, o => o.ToJson());
        b.OwnsMany(x => x.PromptAnswers, o => o.ToJson());
    }
}
