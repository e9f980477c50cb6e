# Authenticode signing on Linux and macOS (build/Signing.psm1 over osslsigncode, as build.ps1 -Task Sign and
# -Task Package -Sign run it): a copy of the build is signed with a throwaway certificate made in $TestDrive,
# osslsigncode verify accepts every signed file against the throwaway CA, the signed module imports and runs the
# flow, the .nupkg holds the signed files, and a file changed after signing fails verification.
# Windows signs with Set-AuthenticodeSignature instead; Windows.Tests.ps1 imports a signed build under AllSigned there.
BeforeDiscovery {
    $script:onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    Import-Module (Join-Path $PSScriptRoot '../build/Signing.psm1') -Force
    $script:signedFileNames = @(Get-HyprSignedFile)
}

Describe 'Signing with osslsigncode' -Skip:$onWindows {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'SigningCertificate.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot '../build/Signing.psm1') -Force
        $script:osslsigncode = (Get-Command osslsigncode -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source

        $script:built = Split-Path -Parent (Get-HyprModuleManifest)
        $script:version = Split-Path -Leaf $built
        $script:signedDir = Join-Path $TestDrive "signed/HyprAuth/$version"
        New-Item -ItemType Directory -Path (Split-Path -Parent $signedDir) | Out-Null
        Copy-Item -LiteralPath $built -Destination $signedDir -Recurse
        $script:certificate = New-TestCodeSigningCertificate -Folder $TestDrive
        Invoke-HyprModuleSigning -ModulePath $signedDir -CertificatePath $certificate.PfxPath -CertificatePassword $certificate.Password
        $script:signedFiles = @(Get-HyprSignedFile)

        function Test-Signature([string] $Path, [string] $CaFile = $certificate.CaPemPath) {
            $output = & $osslsigncode verify -CAfile $CaFile -in $Path 2>&1
            return [pscustomobject]@{ Valid = ($LASTEXITCODE -eq 0); Output = ($output -join "`n") }
        }

        function Get-FileHashValue([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }
    }

    It 'signs <_> so that osslsigncode verify accepts it against the test CA' -ForEach $signedFileNames {
        $result = Test-Signature (Join-Path $signedDir $_)
        $result.Output | Should -Match 'Signature verification: ok'
        $result.Valid | Should -BeTrue -Because $result.Output
    }

    It 'signs the ReadyToRun copies of our own assemblies, which PowerShell 7 loads where they match the platform' {
        $copies = @(Get-ChildItem -LiteralPath (Join-Path $signedDir 'Dependencies/ReadyToRun') -Recurse -File -Filter 'HyprAuth.*.dll')
        $copies.Count | Should -BeGreaterThan 0 -Because 'the build precompiles the engine for this platform'
        foreach ($copy in $copies) {
            $result = Test-Signature $copy.FullName
            $result.Valid | Should -BeTrue -Because "$($copy.FullName): $($result.Output)"
        }
    }

    It 'left the unsigned build unsigned: verify refuses it' {
        foreach ($file in $signedFiles) {
            (Test-Signature (Join-Path $built $file)).Valid | Should -BeFalse -Because "$file in out/ was not signed"
        }
    }

    It 'trusts the signature only through the CA that issued the certificate' {
        $other = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'other-ca')
        $otherCertificate = New-TestCodeSigningCertificate -Folder $other.FullName
        (Test-Signature (Join-Path $signedDir 'HyprAuth.dll') -CaFile $otherCertificate.CaPemPath).Valid | Should -BeFalse
    }

    It 'writes the signed script files as UTF-8 with a byte order mark, so Windows hashes the same text' {
        foreach ($file in $signedFiles | Where-Object { $_ -notlike '*.dll' }) {
            $bytes = [System.IO.File]::ReadAllBytes((Join-Path $signedDir $file))
            $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF) -Because $file
            [System.Text.Encoding]::UTF8.GetString($bytes) | Should -Match 'SIG # Begin signature block' -Because $file
        }
    }

    It 'leaves the third-party DLLs as their publishers shipped them' {
        $thirdParty = @(Get-ChildItem -LiteralPath (Join-Path $built 'Dependencies') -Filter '*.dll' | Where-Object { $_.Name -notlike 'HyprAuth.*' })
        $thirdParty.Count | Should -BeGreaterThan 0
        foreach ($dll in $thirdParty) {
            Get-FileHashValue (Join-Path $signedDir "Dependencies/$($dll.Name)") | Should -Be (Get-FileHashValue $dll.FullName) -Because $dll.Name
        }
    }

    It 'fails verification for a <Name> changed after signing' -ForEach @(
        @{ Name = 'DLL'; File = 'HyprAuth.dll' }
        @{ Name = 'manifest'; File = 'HyprAuth.psd1' }
        @{ Name = 'format file'; File = 'HyprAuth.format.ps1xml' }
    ) {
        $tampered = Join-Path $TestDrive "tampered-$([guid]::NewGuid().ToString('N'))-$(Split-Path -Leaf $File)"
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $signedDir $File))
        # One byte in the signed content (the first quarter: the PE headers' far side, or the text before the signature block).
        $index = [int]($bytes.Length / 4)
        $bytes[$index] = if ($bytes[$index] -eq 0x41) { 0x42 } else { 0x41 }
        [System.IO.File]::WriteAllBytes($tampered, $bytes)
        (Test-Signature $tampered).Valid | Should -BeFalse
    }

    It 'refuses -CertificateThumbprint off Windows, and a call with no certificate' {
        { Invoke-HyprModuleSigning -ModulePath $signedDir -CertificateThumbprint 'AB' } | Should -Throw '*Windows certificate store*'
        { Invoke-HyprModuleSigning -ModulePath $signedDir } | Should -Throw '*exactly one of*'
    }

    Context 'the signed module' {
        BeforeAll {
            $script:emulator = Start-TestEmulator
        }
        AfterAll {
            Stop-HyprEmulator $emulator
        }

        It 'imports and runs the flow against the emulator' {
            $client = New-EmulatorClient $emulator
            $result = Invoke-HyprFlowChild -Emulator $emulator -Client $client -Manifest (Join-Path $signedDir 'HyprAuth.psd1')
            $result.ModuleBase | Should -Be $signedDir
            $result.AssertionClientId | Should -Be $client.clientId
            $result.TokenClientId | Should -Be $client.clientId
            $result.RpAppId | Should -Be 'HYPRDefaultApplication'
            # The signed format file still loads: the token's default view is the module's own.
            $result.TokenView | Should -Match 'ExpiresIn'
        }
    }

    Context 'the .nupkg of a signed build' {
        BeforeAll {
            $script:repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repository')
            $publishHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home-publish')
            # build/Publish-LocalPackage.ps1 as build.ps1 -Task Package -Sign runs it after signing, with HOME in the
            # test folder so the temporary repository registration never touches the tester's configuration.
            $null = Invoke-ChildPowerShell -WorkingDirectory $publishHome.FullName -TimeoutSeconds 180 `
                -RemoveEnvironment 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'PSModulePath' -Environment @{
                HOME                  = $publishHome.FullName
                HYPRAUTH_TEST_PUBLISH = (Resolve-Path (Join-Path $PSScriptRoot '../build/Publish-LocalPackage.ps1')).Path
                HYPRAUTH_TEST_MODULE  = $signedDir
                HYPRAUTH_TEST_REPO    = $repository.FullName
            } -Script @'
& $env:HYPRAUTH_TEST_PUBLISH -ModulePath $env:HYPRAUTH_TEST_MODULE -RepositoryPath $env:HYPRAUTH_TEST_REPO
'{}'
'@
            $script:packages = @(Get-ChildItem -LiteralPath $repository.FullName -Filter '*.nupkg')
        }

        It 'holds every signed file byte for byte, and each verifies' {
            $packages.Count | Should -Be 1
            $extracted = Join-Path $TestDrive 'extracted'
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            [System.IO.Compression.ZipFile]::ExtractToDirectory($packages[0].FullName, $extracted)
            foreach ($file in $signedFiles) {
                $inPackage = Join-Path $extracted $file
                Test-Path -LiteralPath $inPackage | Should -BeTrue -Because "$file is in the package"
                Get-FileHashValue $inPackage | Should -Be (Get-FileHashValue (Join-Path $signedDir $file)) -Because $file
                (Test-Signature $inPackage).Valid | Should -BeTrue -Because "$file in the package verifies"
            }
        }
    }
}
