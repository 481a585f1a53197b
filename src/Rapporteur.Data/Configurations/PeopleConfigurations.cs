using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapporteur.Data.Entities;

namespace Rapporteur.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Identity's user tokens also hold personal access tokens (provider <c>Rapporteur.ApiToken</c>, name = the
/// token's id), which a request looks up without knowing the user: the key (UserId, LoginProvider, Name) cannot serve
/// that lookup, so it gets its own index.</summary>
internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b) => b.HasIndex(x => new { x.LoginProvider, x.Name });
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(x => new { x.RecommendationId, x.PartyId }).IsUnique();
        b.Property(x => x.Status).HasMaxLength(60);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Recommendation).WithMany().HasForeignKey(x => x.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> b)
    {
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.Version }).IsUnique();
        b.Property(x => x.EntityType).HasMaxLength(40);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.UserName).HasMaxLength(256);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(x => x.At);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.UserName).HasMaxLength(256);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.HasIndex(x => new { x.RoundId, x.PartyId, x.Status });
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.Organisation).HasMaxLength(300);
        b.HasOne(x => x.Party).WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.To).HasMaxLength(256);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Key).HasMaxLength(200);
    }
}

internal sealed class ReplyAttachmentConfiguration : IEntityTypeConfiguration<ReplyAttachment>
{
    public void Configure(EntityTypeBuilder<ReplyAttachment> b)
    {
        b.HasIndex(x => x.ReplyId);
        b.HasIndex(x => x.StoredName).IsUnique();
        b.Property(x => x.Question).HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StoredName).HasMaxLength(100);
        b.Property(x => x.UploadedByName).HasMaxLength(256);
        b.HasOne(x => x.Reply).WithMany().HasForeignKey(x => x.ReplyId).OnDelete(DeleteBehavior.Cascade);
    }
}
