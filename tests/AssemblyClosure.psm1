# The static proof that Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) can load the module: read assembly
# metadata with System.Reflection.Metadata (in PowerShell 7's runtime) and resolve every assembly reference reachable
# from the module's root the way .NET Framework would: the framework (GAC) first when its version is high enough,
# else a file the module ships (found by HyprAuth's AssemblyResolve handler), else it fails.
Set-StrictMode -Version 3.0

# Read an assembly's identity and references from its metadata, without loading it.
function Read-AssemblyMetadata([string] $Path) {
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        try {
            if (-not $pe.HasMetadata) { return $null }
            $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            if (-not $reader.IsAssembly) { return $null }
            $definition = $reader.GetAssemblyDefinition()
            $references = foreach ($handle in $reader.AssemblyReferences) {
                $reference = $reader.GetAssemblyReference($handle)
                [pscustomobject]@{ Name = $reader.GetString($reference.Name); Version = $reference.Version }
            }
            return [pscustomobject]@{
                Name       = $reader.GetString($definition.Name)
                Version    = $definition.Version
                Path       = $Path
                References = @($references)
                # A facade forwards types to another assembly and defines none but <Module>.
                TypeCount         = $reader.TypeDefinitions.Count
                ExportedTypeCount = $reader.ExportedTypes.Count
            }
        }
        finally { $pe.Dispose() }
    }
    finally { $stream.Dispose() }
}

# Name -> assembly metadata for every .dll in the folders (not recursive); the first folder that has a name wins.
function Read-AssemblyFolder([string[]] $Folder) {
    $assemblies = @{}
    foreach ($path in $Folder) {
        foreach ($file in Get-ChildItem -LiteralPath $path -Filter '*.dll' -File) {
            $metadata = Read-AssemblyMetadata $file.FullName
            if ($null -ne $metadata -and -not $assemblies.ContainsKey($metadata.Name)) { $assemblies[$metadata.Name] = $metadata }
        }
    }
    return $assemblies
}

<#
.SYNOPSIS
    Every assembly reachable from -Root, each reference resolved to the framework, the host, or a shipped file.
    Returns one row per (assembly, reference): Assembly, Reference, Required, ResolvedBy, Available, Problem.
    -Framework and -Shipped are Read-AssemblyFolder tables; -HostAssembly names what the host loads itself, with its version.
#>
function Resolve-AssemblyClosure {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [hashtable] $Framework,
        [Parameter(Mandatory)] [hashtable] $Shipped,
        [hashtable] $HostAssembly = @{}
    )
    $rows = New-Object System.Collections.Generic.List[object]
    $visited = New-Object 'System.Collections.Generic.HashSet[string]'
    $queue = New-Object System.Collections.Generic.Queue[object]
    $queue.Enqueue((Read-AssemblyMetadata $Root))
    while ($queue.Count -gt 0) {
        $assembly = $queue.Dequeue()
        if (-not $visited.Add($assembly.Name)) { continue }
        foreach ($reference in $assembly.References) {
            $row = [ordered]@{
                Assembly = $assembly.Name
                Reference = $reference.Name
                Required = $reference.Version
                ResolvedBy = $null
                Available = $null
                Problem = $null
            }
            $fromFramework = $Framework[$reference.Name]
            $fromShipped = $Shipped[$reference.Name]
            if ($null -ne $fromFramework -and $fromFramework.Version -ge $reference.Version) {
                $row.ResolvedBy = '.NET Framework 4.7.2'; $row.Available = $fromFramework.Version
            }
            elseif ($HostAssembly.ContainsKey($reference.Name) -and [version]$HostAssembly[$reference.Name] -ge $reference.Version) {
                $row.ResolvedBy = 'Windows PowerShell 5.1'; $row.Available = [version]$HostAssembly[$reference.Name]
            }
            elseif ($null -ne $fromShipped -and $fromShipped.Version -ge $reference.Version) {
                $row.ResolvedBy = 'shipped'; $row.Available = $fromShipped.Version
                $queue.Enqueue($fromShipped)
            }
            else {
                $found = @(@($fromFramework, $fromShipped) | Where-Object { $null -ne $_ } | ForEach-Object { "$($_.Version) at $($_.Path)" })
                $row.Problem = if ($found.Count -eq 0) {
                    "$($reference.Name) $($reference.Version), referenced by $($assembly.Name), is missing: " +
                        'neither .NET Framework 4.7.2 nor the module has it'
                }
                else {
                    "$($reference.Name) $($reference.Version), referenced by $($assembly.Name), is too old where found: $($found -join '; ')"
                }
            }
            $rows.Add([pscustomobject]$row)
        }
    }
    return $rows.ToArray()
}

# The closure in a few lines: each shipped assembly with what it needs from the framework, and what is missing.
function Format-AssemblyClosure([object[]] $Rows) {
    $lines = foreach ($group in $Rows | Group-Object Assembly) {
        $parts = foreach ($row in $group.Group) {
            $how = if ($row.Problem) { 'PROBLEM' } elseif ($row.ResolvedBy -eq 'shipped') { 'shipped ' +
                $row.Available } elseif ($row.ResolvedBy -like '.NET*') { 'fx' } else { 'host' }
            "$($row.Reference) $($row.Required) ($how)"
        }
        "  $($group.Name) -> $($parts -join ', ')"
    }
    return @('Windows PowerShell 5.1 load closure (fx = .NET Framework 4.7.2 reference set incl. facades):') + @($lines)
}

Export-ModuleMember -Function Read-AssemblyMetadata, Read-AssemblyFolder, Resolve-AssemblyClosure, Format-AssemblyClosure
