using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// A compiled query per model: EF binds a compiled query to the model it first ran with, and SQLite and PostgreSQL
/// have different models — a process that hosts hubs on both (the test run) compiles each query once per provider.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
