; Bộ cài đặt chương trình Tiếp công dân (NSIS 3, Unicode).
;
; installer/build.py compiles it after building the one-folder bundle:
;   makensis -DVERSION=0.1.0 -DVERSION_NUM=0.1.0.0 -DBUNDLE_DIR=dist\TiepDan
;            -DOUTFILE=dist\TiepDan-0.1.0-setup.exe [-DICON=…\TiepDan.ico] [-DSIZE_KB=…]
;            installer\tiepdan.nsi
;
; - Installs for the current Windows user (no administrator rights) into
;   %LOCALAPPDATA%\Programs\TiepDan, with Start-menu and desktop shortcuts.
; - The data (database, attachments, backups, logs) lives elsewhere, in
;   %LOCALAPPDATA%\TiepDan: installing a newer version over an older one replaces
;   the program and never touches the data; at its first start the new version
;   backs the database up by itself, then upgrades it (Alembic migrations).
; - Uninstalling keeps the data unless the user says to remove it (or passes
;   /XOADULIEU to a silent uninstall: GoCaiDat.exe /S /XOADULIEU).
; This file is UTF-8 with a byte-order mark, so NSIS reads the Vietnamese text.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Thiếu VERSION: makensis -DVERSION=… (installer/build.py truyền vào)"
!endif
!ifndef BUNDLE_DIR
  !error "Thiếu BUNDLE_DIR: thư mục bản đóng gói của PyInstaller (dist\TiepDan)"
!endif
!ifndef VERSION_NUM
  !error "Thiếu VERSION_NUM: bốn số của phiên bản cho Windows, ví dụ 0.1.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "TiepDan-${VERSION}-setup.exe"
!endif
!ifndef SIZE_KB
  !define SIZE_KB 0
!endif

!define APP_NAME "Tiếp công dân"
!define APP_ID "TiepDan"
!define PUBLISHER "Nhóm phát triển tiepdan_desktop"
!define EXE "TiepDan.exe"
!define UNINSTALLER "GoCaiDat.exe"
!define SETTINGS_KEY "Software\${APP_ID}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"
!define CLOSE_FIRST "Chương trình ${APP_NAME} đang mở. Hãy đóng chương trình (Tệp › Thoát) rồi bấm Thử lại."

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_NUM}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "FileDescription" "Bộ cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình Sổ tiếp công dân, xử lý đơn và giải quyết khiếu nại, tố cáo cho UBND xã, phường, đặc khu.$\r$\n$\r$\nChương trình được cài cho riêng tài khoản Windows đang dùng, không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, bộ cài sẽ nâng cấp chương trình và giữ nguyên dữ liệu. Lần mở đầu tiên sau khi nâng cấp, chương trình tự sao lưu dữ liệu rồi mới cập nhật cơ sở dữ liệu.$\r$\n$\r$\nNên đóng chương trình (nếu đang mở) trước khi tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; Waits until the program at $INSTDIR is closed: its files cannot be replaced
; or removed while it runs (a silent run gives up instead of waiting).
!macro WAIT_UNTIL_CLOSED
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${CLOSE_FIRST}" /SD IDCANCEL IDRETRY +2
    Abort
  ${Loop}
!macroend

; True in $0 when the folder holds anything besides "." and "..".
Function FolderHasFiles
  Exch $1
  Push $2
  StrCpy $0 0
  FindFirst $2 $3 "$1\*.*"
  ${DoWhile} $3 != ""
    ${If} $3 != "."
    ${AndIf} $3 != ".."
      StrCpy $0 1
      ${Break}
    ${EndIf}
    FindNext $2 $3
  ${Loop}
  FindClose $2
  Pop $2
  Pop $1
FunctionEnd

; The folder the user types is checked: never the data folder, and never a
; folder holding someone else's files (an upgrade replaces files in it).
Function .onVerifyInstDir
  ${If} "$INSTDIR" == "${DATA_DIR}"
    Abort
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    Return
  ${EndIf}
  Push "$INSTDIR"
  Call FolderHasFiles
  ${If} $0 == 1
    Abort  ; the Next button stays greyed out: choose an empty folder
  ${EndIf}
FunctionEnd

Section "Chương trình" SectionProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  SetOutPath "$INSTDIR"
  ; An upgrade: the old version's modules go first, so none of them lingers
  ; beside the new ones.  Only the program's own files (a folder with our
  ; executable in it, see .onVerifyInstDir): never the data.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  File /r "${BUNDLE_DIR}\*.*"
  ; A portable marker would send the data next to the program: not here.
  Delete "$INSTDIR\portable.txt"

  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${SETTINGS_KEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Gỡ cài đặt ${APP_NAME}.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  ; The program's own files, by name: the folder may hold files of the user's.
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\TiepDanCLI.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"

  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/XOADULIEU" $1
  ${IfNot} ${Errors}
    RMDir /r "${DATA_DIR}"
  ${Else}
    ; Asked, "No" by default; a silent uninstall (/S) keeps the data.
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
      "Xóa cả dữ liệu của chương trình (cơ sở dữ liệu, tệp đính kèm, các bản sao lưu) trong ${DATA_DIR}?$\r$\n$\r$\nChọn Không để giữ lại dữ liệu (khuyên dùng): cài lại chương trình thì dữ liệu vẫn còn nguyên." \
      /SD IDNO IDNO keep_data
    RMDir /r "${DATA_DIR}"
    keep_data:
  ${EndIf}
SectionEnd
