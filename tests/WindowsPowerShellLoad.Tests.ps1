# Windows PowerShell 5.1 can load the module: a static proof that runs anywhere. Every assembly reachable from
# HyprAuth.dll on the 5.1 path (HyprAuth.dll and Dependencies/, not PowerShell 7's net8.0/ and ReadyToRun/) is read with
# System.Reflection.Metadata, and each of its references must resolve to the .NET Framework 4.7.2 reference set
# (Microsoft.NETFramework.ReferenceAssemblies.net472, facades included), to Windows PowerShell's own
# System.Management.Automation, or to a file the module ships whose version is at least the one referenced.
# Windows.Tests.ps1 imports the module in Windows PowerShell 5.1 itself, on the Windows CI runner.
BeforeDiscovery {
    # System.Reflection.Metadata is part of PowerShell 7's runtime, not of Windows PowerShell's.
    $script:desktop = $PSVersionTable.PSEdition -eq 'Desktop'
}

Describe 'Windows PowerShell 5.1 load closure (static)' -Skip:$desktop {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'AssemblyClosure.psm1') -Force
        $script:moduleDir = Split-Path -Parent (Get-HyprModuleManifest)
        $project = [xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot 'tools/TestPackages.proj') -Raw)
        $referenceVersion =
            $project.SelectSingleNode('//PackageDownload[@Include="Microsoft.NETFramework.ReferenceAssemblies.net472"]').Version.Trim('[', ']')
        $referenceDir =
            Join-Path $env:HYPRAUTH_NUGET_PACKAGES "microsoft.netframework.referenceassemblies.net472/$referenceVersion/build/.NETFramework/v4.7.2"
        $script:framework = Read-AssemblyFolder @($referenceDir, (Join-Path $referenceDir 'Facades'))
        # Only the folder itself: its net8.0/ and ReadyToRun/ subfolders are PowerShell 7's (HyprAuth.Loader).
        $script:shipped = Read-AssemblyFolder (Join-Path $moduleDir 'Dependencies')
        # Windows PowerShell 5.1's engine assembly, the one PowerShellStandard.Library compiles against.
        $script:hostAssembly = @{ 'System.Management.Automation' = '3.0.0.0' }
        $script:root = Join-Path $moduleDir 'HyprAuth.dll'
        $script:closure = Resolve-AssemblyClosure -Root $root -Framework $framework -Shipped $shipped -HostAssembly $hostAssembly
        Format-AssemblyClosure $closure | ForEach-Object { Write-Host $_ }
    }

    It 'found the .NET Framework 4.7.2 reference set with its facades' {
        $framework['mscorlib'].Version | Should -Be ([version]'4.0.0.0')
        $framework['netstandard'].Version | Should -Be ([version]'2.0.0.0')
    }

    It 'resolves every reference reachable from HyprAuth.dll' {
        @($closure | Where-Object Problem | ForEach-Object Problem) | Should -BeNullOrEmpty
        @($closure | Where-Object { $_.Reference -eq 'HyprAuth.Core' }).ResolvedBy | Should -Be 'shipped'
    }

    It 'reaches every DLL shipped in Dependencies/ for Windows PowerShell (nothing shipped that 5.1 never loads)' {
        $reached = @($closure | Where-Object ResolvedBy -eq 'shipped' | ForEach-Object Reference | Sort-Object -Unique)
        @($shipped.Keys | Where-Object { $reached -notcontains $_ }) | Should -BeNullOrEmpty
    }

    It 'ships System.Security.Cryptography.Cng as the .NET Framework facade, not the netstandard2.0 stub that throws PlatformNotSupportedException' {
        # The package's netstandard2.0 build re-declares CngKey and friends and throws on .NET Framework; its net47
        # build forwards them to System.Core, where .NET Framework implements them.
        $cng = Read-AssemblyMetadata (Join-Path $moduleDir 'Dependencies/System.Security.Cryptography.Cng.dll')
        $cng.References.Name | Should -Contain 'System.Core'
        $cng.ExportedTypeCount | Should -BeGreaterThan 0
        $cng.TypeCount | Should -BeLessOrEqual 1 -Because 'a facade defines no type but <Module>'
    }

    It 'names a missing reference and a too-old one (the proof can fail)' {
        $withoutMemory = $shipped.Clone()
        $withoutMemory.Remove('System.Memory')
        $missing = Resolve-AssemblyClosure -Root $root -Framework $framework -Shipped $withoutMemory -HostAssembly $hostAssembly
        @($missing | Where-Object Problem).Problem | Should -Match '^System\.Memory .*is missing'

        $olderCore = $shipped.Clone()
        $olderCore['HyprAuth.Core'] = [pscustomobject]@{
            Name = 'HyprAuth.Core'
            Version = [version]'0.0.1.0'
            Path = 'old/HyprAuth.Core.dll'
            References = @()
        }
        $tooOld = Resolve-AssemblyClosure -Root $root -Framework $framework -Shipped $olderCore -HostAssembly $hostAssembly
        @($tooOld | Where-Object Problem).Problem | Should -Match '^HyprAuth\.Core .*too old where found: 0\.0\.1\.0'
    }
}
