<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplyTexts</name>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="23"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="24"/>
        <source>请输入事项名称查找，或选择下方的「一件事」联办主题。</source>
        <translation>Type the name of a service to find it, or choose a combined “one thing” theme below.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="25"/>
        <source>输入事项名称，如：身份证</source>
        <translation>Service name, e.g. ID card</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="26"/>
        <source>一件事 · 联办主题</source>
        <translation>One thing, one visit: combined themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="27"/>
        <source>继续办理已保存的草稿</source>
        <translation>Continue a saved draft</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="28"/>
        <source>草稿编号</source>
        <translation>Draft code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="29"/>
        <source>打开草稿</source>
        <translation>Open draft</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="30"/>
        <source>正在准备，请稍候…</source>
        <translation>Preparing, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="59"/>
        <source>请将身份证放在读卡区</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="60"/>
        <source>读卡后将自动填写姓名、证件号码等信息。没有身份证也可以手工填写。</source>
        <translation>Your name, ID number and address are filled in from the card. You can also fill in by hand.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="32"/>
        <location filename="../../ui/screens/apply/texts.py" line="61"/>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="33"/>
        <source>填表</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="34"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="35"/>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="36"/>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="37"/>
        <source>第 {n} 步，共 {total} 步：{name}</source>
        <translation>Step {n} of {total}: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="38"/>
        <source>（第 {n}/{total} 页）</source>
        <translation> {n}/{total}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="39"/>
        <source>预申请</source>
        <translation>Pre-application</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="41"/>
        <source>本事项需要到窗口办理</source>
        <translation>This item is handled at a service window</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="42"/>
        <source>「{item}」不能在自助终端完成受理，需要本人到窗口办理。您可以先在这里填写预申请，到窗口时少排队。</source>
        <translation>&quot;{item}&quot; cannot be accepted at the self-service kiosk: you need to apply in person at a window. You can fill in a pre-application here to save time at the window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="45"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="46"/>
        <source>实施部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="47"/>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="48"/>
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="49"/>
        <source>收费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="50"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="51"/>
        <source>须在窗口现场办理</source>
        <translation>Must be done in person at the window</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="52"/>
        <source>请带上</source>
        <translation>Please bring</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="53"/>
        <source>本终端所在地区暂无实施主体，请到服务窗口咨询。</source>
        <translation>No office handles this item in this terminal&apos;s area; please ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="54"/>
        <source>先填写预申请</source>
        <translation>Pre-apply here first</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="55"/>
        <source>预申请不是受理：打印的是预申请回执，请带上回执、身份证和材料到上面的窗口完成办理。</source>
        <translation>A pre-application is not an acceptance: the slip printed is a pre-application slip. Bring it, your ID card and the materials to the window above to complete the application.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="62"/>
        <source>手工填写</source>
        <translation>Fill in by hand</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="63"/>
        <source>正在读卡，请不要移开证件…</source>
        <translation>Reading the card, please keep it in place…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="64"/>
        <source>已读取身份证，请核对下面的信息。</source>
        <translation>Card read. Please check the details below.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="65"/>
        <source>追加住址：{address}</source>
        <translation>Additional address: {address}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="66"/>
        <source>读卡失败：{msg}</source>
        <translation>The card could not be read: {msg}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="68"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="69"/>
        <source>已自动保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="71"/>
        <source>提交申请材料</source>
        <translation>Hand in the materials</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="72"/>
        <source>请将材料放在扫描区后点「扫描」。每份材料可以有多页，可重拍或删除。</source>
        <translation>Put each document on the scanner and press Scan. A material may have several pages.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="75"/>
        <source>必交</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="76"/>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="77"/>
        <source>扫描</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="78"/>
        <source>导入文件</source>
        <translation>Import a file</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="79"/>
        <source>容缺：以后到窗口补交</source>
        <translation>Bring it to the counter later</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="80"/>
        <source>取消容缺</source>
        <translation>I will hand it in now</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="81"/>
        <source>已选择容缺，请在承诺时间内到窗口补交。</source>
        <translation>To be brought to the counter later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="82"/>
        <source>本事项不支持容缺，须现在提供</source>
        <translation>This service needs it now</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="83"/>
        <source>预申请：现在没有的，到窗口时带上</source>
        <translation>Pre-application: what you do not have now, bring to the window</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="84"/>
        <source>已收 {n} 页</source>
        <translation>{n} page(s) received</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="85"/>
        <source>第 {n} 页</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="86"/>
        <source>重拍</source>
        <translation>Re-take</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="87"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="88"/>
        <source>正在扫描，请不要移动材料…</source>
        <translation>Scanning, please do not move the document…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="89"/>
        <source>扫描失败：{msg}</source>
        <translation>The scan failed: {msg}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="90"/>
        <source>下一步：核对信息</source>
        <translation>Next: check everything</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="91"/>
        <source>下一步：提交材料</source>
        <translation>Next: hand in materials</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="92"/>
        <source>还缺 {n} 项：{names}</source>
        <translation>{n} still missing: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="93"/>
        <source>必交材料已齐全</source>
        <translation>All required materials are in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="94"/>
        <source>已读卡核验，无需扫描</source>
        <translation>Verified from the card, no scan needed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="95"/>
        <source>容缺受理：{n} 项以后到窗口补交</source>
        <translation>Accepted with {n} item(s) to hand in later at the window</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="96"/>
        <source>还缺 {n} 项：查看并打印一次性告知书</source>
        <translation>{n} missing: see and print the one-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="97"/>
        <source>下一步：核对（缺的 {n} 项到窗口时带上）</source>
        <translation>Next: check ({n} to bring later)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="98"/>
        <source>返回补扫材料</source>
        <translation>Scan more</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="99"/>
        <source>返回修改表单</source>
        <translation>Back to form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="101"/>
        <source>请核对您的申请</source>
        <translation>Please check your application</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="102"/>
        <source>证件号码已部分隐藏。如需修改请点「返回修改」。</source>
        <translation>Your ID number is partly hidden. Press Change to correct anything.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="104"/>
        <source>读自身份证（已锁定）</source>
        <translation>From your ID card (locked)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="122"/>
        <source>本次一并办理 {n} 个事项</source>
        <translation>{n} services applied for together</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="123"/>
        <source>已收材料</source>
        <translation>Materials received</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="124"/>
        <source>容缺补交</source>
        <translation>To bring later</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="125"/>
        <source>还缺少</source>
        <translation>Still missing</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="126"/>
        <source>免提交（部门共享）</source>
        <translation>Not needed (shared between departments)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="127"/>
        <source>承诺办结日期</source>
        <translation>Promised completion date</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="128"/>
        <source>还有 {n} 处需要修改</source>
        <translation>{n} answer(s) still need changing</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="129"/>
        <source>返回修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="130"/>
        <source>确认提交</source>
        <translation>Confirm and submit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="131"/>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="132"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="133"/>
        <source>{name}（{n} 页）</source>
        <translation>{name} ({n} p.)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="135"/>
        <source>一次性告知：还需要以下材料</source>
        <translation>What you still need to bring</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="103"/>
        <source>按住查看完整号码</source>
        <translation>Hold to see it all</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="105"/>
        <source>信息有误，更正</source>
        <translation>Correct it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="106"/>
        <source>请选择更正的原因：</source>
        <translation>Why are you correcting it?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="107"/>
        <source>信息已变更（如住址已迁移）</source>
        <translation>It has changed (e.g. I moved)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="108"/>
        <source>读卡信息有误</source>
        <translation>The card&apos;s information is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="109"/>
        <source>其他原因，到窗口说明</source>
        <translation>Other reason, explained at the window</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="110"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="111"/>
        <source>已更正（原因：{reason}）</source>
        <translation>Corrected (reason: {reason})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="112"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="113"/>
        <source>告知承诺</source>
        <translation>Declaration</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="114"/>
        <source>告知承诺：本人承诺所填写的信息和提交的材料真实、准确、完整，如有虚假，愿意承担相应的法律责任；同意政务服务部门为办理本事项查询、核验和使用上述信息。</source>
        <translation>Declaration: I declare that the information I filled in and the materials I handed in are true, accurate and complete, and I accept legal responsibility for anything false; I agree that the government service departments may look up, verify and use this information to handle this item.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="119"/>
        <source>我已阅读并同意以上承诺</source>
        <translation>I have read and agree to the declaration</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="120"/>
        <source>请先阅读告知承诺，并点「我已阅读并同意以上承诺」</source>
        <translation>Please read the declaration first and tap &quot;I have read and agree to the declaration&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="121"/>
        <source>确认提交预申请</source>
        <translation>Submit pre-application</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="136"/>
        <source>本事项不支持容缺受理。请备齐下列材料后再来办理，一次性告知书可以打印带走。</source>
        <translation>This item cannot be accepted with materials missing. Please come back with all the materials below; you can print this one-time notice and take it with you.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="139"/>
        <source>打印一次性告知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="140"/>
        <source>一次性告知书已打印，请取走。</source>
        <translation>The one-time notice was printed, please take it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="142"/>
        <source>申请已提交</source>
        <translation>Your application was submitted</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="143"/>
        <source>预申请已提交（尚未受理）</source>
        <translation>Pre-application submitted (not yet accepted)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="144"/>
        <source>预申请编号</source>
        <translation>Pre-application number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="145"/>
        <source>请取回您的身份证</source>
        <translation>Please take your ID card back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="146"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="147"/>
        <source>请本人带上预申请回执、身份证和材料，到下面的窗口完成正式受理；承诺时限从正式受理起算。</source>
        <translation>Please bring the pre-application slip, your ID card and the materials in person to the window below to have the application formally accepted; the promised time limit starts from formal acceptance.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="150"/>
        <source>请等待办理，{date} 前办结；可凭受理编号查询进度。</source>
        <translation>Your application will be completed by {date}; you can check its progress with the receipt number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="151"/>
        <source>请等待办理，可凭受理编号查询进度。</source>
        <translation>Please wait for it to be handled; you can check its progress with the receipt number.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="152"/>
        <source>容缺的材料请在办结前补交到窗口：{names}</source>
        <translation>Hand in the missing materials at the window before completion: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="153"/>
        <source>领取地点</source>
        <translation>Pick-up place</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="154"/>
        <location filename="../../ui/screens/apply/texts.py" line="175"/>
        <source>受理编号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="155"/>
        <source>请取走打印的受理回执，凭受理编号查询进度。</source>
        <translation>Please take your printed receipt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="156"/>
        <source>请取走打印的预申请回执，到窗口时出示。</source>
        <translation>Please take the printed pre-application slip and show it at the window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="157"/>
        <source>申请已经提交成功。回执暂时无法打印，已保留在终端，请到服务窗口补打回执。</source>
        <translation>Your application stands. The receipt could not be printed; the counter staff will reprint it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="160"/>
        <source>评价本次服务</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="161"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="163"/>
        <source>要保留已填写的内容吗？</source>
        <translation>Keep what you filled in?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="164"/>
        <source>保留后凭草稿编号可以继续办理；不保留则立即清除。</source>
        <translation>A kept draft can be continued with its code; otherwise it is deleted now.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="165"/>
        <source>保留草稿</source>
        <translation>Keep the draft</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="166"/>
        <source>不保留，清除</source>
        <translation>No, delete it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="167"/>
        <source>继续填写</source>
        <translation>Continue filling in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="168"/>
        <source>草稿已保留，草稿编号：{code}
请记下编号，凭编号可继续办理。</source>
        <translation>Draft kept. Your draft code: {code}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="169"/>
        <source>正在打印草稿保存凭条…</source>
        <translation>Printing the draft slip…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="170"/>
        <source>草稿保存凭条已打印，请取走。</source>
        <translation>The draft slip was printed. Please take it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="171"/>
        <source>草稿已保留，但凭条未能打印，请记下上面的草稿编号。{msg}</source>
        <translation>The draft is kept but the slip could not be printed: please write down the code above. {msg}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="173"/>
        <source>请对本次服务评价（好差评）</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="174"/>
        <source>点一个评价即可；不评价直接返回也可以。</source>
        <translation>Tap one rating; you may also skip.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="176"/>
        <source>请选择不满意的原因（可多选）</source>
        <translation>Why were you dissatisfied? (choose one or more)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="177"/>
        <source>其他意见（可不填）</source>
        <translation>Anything else (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="178"/>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="179"/>
        <source>不评价，返回首页</source>
        <translation>Skip, back to home</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="180"/>
        <source>请至少选择一个原因</source>
        <translation>Please choose at least one reason</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="181"/>
        <source>请先选择一个评价</source>
        <translation>Please choose a rating first</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="182"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="183"/>
        <source>校验码（受理回执二维码下方「校验码」后的 8 位）</source>
        <translation>Check code (the 8 characters after &quot;校验码&quot; below the receipt&apos;s QR code)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="184"/>
        <source>联系电话（可不填；留下号码，工作人员会回访整改情况）</source>
        <translation>Contact phone (optional; leave it and staff will call you back about what was done)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="185"/>
        <source>感谢您的评价！已替换您对这次服务先前的评价。</source>
        <translation>Thank you for your rating! It replaces your earlier rating of this service.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="186"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="187"/>
        <source>差评待核实整改</source>
        <translation>poor rating: awaiting follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="188"/>
        <source>差评整改中</source>
        <translation>poor rating: being followed up</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="189"/>
        <source>差评已整改</source>
        <translation>poor rating: resolved</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="190"/>
        <source>评价未被平台采纳（校验码与受理编号不符）</source>
        <translation>rating not accepted by the platform (check code does not match the receipt number)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="192"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="193"/>
        <source>请输入受理回执上的受理编号（25 位）和校验码（二维码下方的 8 位），或扫描回执二维码。</source>
        <translation>Enter the receipt number (25 characters) and the check code (8 characters below the QR code) from your receipt, or scan the receipt&apos;s QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="196"/>
        <source>查询</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="197"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="198"/>
        <source>没有找到这个受理编号，请核对后重新输入。</source>
        <translation>No application with this receipt number. Please check it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="199"/>
        <source>已在本终端受理，等待上传到政务服务平台</source>
        <translation>Accepted here, waiting to reach the platform</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="200"/>
        <source>预申请，尚未受理：请本人带上回执、身份证和材料到窗口办理</source>
        <translation>Pre-application, not yet accepted: come to the window in person with the receipt, your ID card and the materials</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="201"/>
        <source>本终端最近一次与平台同步：{at}</source>
        <translation>Last heard from the platform: {at}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="202"/>
        <source>本终端尚未与平台同步</source>
        <translation>Not yet in touch with the platform</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="203"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="204"/>
        <source>办理状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="205"/>
        <source>上传状态</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="206"/>
        <source>相关咨询投诉</source>
        <translation>Related questions and complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="207"/>
        <source>扫描回执二维码</source>
        <translation>Scan receipt QR</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="208"/>
        <source>请将回执二维码放在高拍仪下，二维码朝上，保持不动。</source>
        <translation>Lay the QR code of your receipt under the document camera, face up, and hold it still.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="209"/>
        <source>取消扫描</source>
        <translation>Cancel scan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="210"/>
        <source>没有读到二维码：{msg}</source>
        <translation>The QR code could not be read: {msg}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="212"/>
        <source>咨询投诉</source>
        <translation>Questions and complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="213"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="214"/>
        <source>咨询</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="215"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="216"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="217"/>
        <source>办理事项</source>
        <translation>A service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="218"/>
        <source>服务大厅</source>
        <translation>The hall</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="219"/>
        <source>工作人员</source>
        <translation>A staff member</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="220"/>
        <source>事项名称、大厅名称或工作人员工号</source>
        <translation>Service name, hall or staff number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="221"/>
        <source>内容</source>
        <translation>What happened / your question</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="222"/>
        <source>相关受理编号（可不填）</source>
        <translation>Related receipt number (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="223"/>
        <source>联系人（可不填）</source>
        <translation>Your name (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="224"/>
        <source>联系电话（可不填）</source>
        <translation>Phone (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="225"/>
        <source>提交</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="226"/>
        <source>已提交，编号 {ref}。联网后送达平台，答复可凭受理编号在「进度查询」查看。</source>
        <translation>Sent, reference {ref}. It reaches the platform when online; see the answer under Check progress.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="229"/>
        <source>请填写内容</source>
        <translation>Please write something</translation>
    </message>
    <message>
        <location filename="../../ui/screens/apply/texts.py" line="230"/>
        <source>操作没有成功：{msg}</source>
        <translation>That did not work: {msg}</translation>
    </message>
</context>
<context>
    <name>BrowseScreen</name>
    <message>
        <location filename="../../ui/screens/browse.py" line="193"/>
        <location filename="../../ui/screens/browse.py" line="227"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/browse.py" line="206"/>
        <source>共 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item, tap it to read the guide</numerusform>
            <numerusform>%n items, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="211"/>
        <source>暂时无法加载，请稍后再试。</source>
        <translation>Cannot load right now, please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="245"/>
        <source>请在左侧选择一类，右侧显示其中的事项</source>
        <translation>Choose a group on the left; its items are listed on the right</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="247"/>
        <source>本类暂无内容</source>
        <translation>Nothing in this group yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="251"/>
        <source>分类浏览</source>
        <translation>Browse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="261"/>
        <source>一件事联办：我要办理</source>
        <translation>Apply for all of these at once</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="253"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="254"/>
        <source>一件事</source>
        <translation>One-stop bundles</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="255"/>
        <source>人生事件</source>
        <translation>Life events</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="256"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
</context>
<context>
    <name>CardBanner</name>
    <message>
        <location filename="../../ui/kiosk_services.py" line="82"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="86"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="87"/>
        <source>居住证</source>
        <translation>residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="88"/>
        <location filename="../../ui/kiosk_services.py" line="89"/>
        <source>永久居留身份证</source>
        <translation>permanent residence ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="90"/>
        <source>社会保障卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="93"/>
        <source>证件</source>
        <translation>card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="94"/>
        <source>已读取%1：%2 — 选择要办理的事项</source>
        <translation>%1 read: %2 — choose a service to apply for</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="72"/>
        <source>村民同意（帮办代办）</source>
        <translation>The villager&apos;s consent (applying on their behalf)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="74"/>
        <source>请村民本人在框内签名（或按手印），表示同意由网格员代为申请；也可以扫描村民签字的委托书。</source>
        <translation>Ask the villager to sign (or press a fingerprint) in the box to agree that the grid worker applies on their behalf; or scan the letter of entrustment they signed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="76"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="77"/>
        <source>确认签名</source>
        <translation>Accept signature</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="128"/>
        <source>扫描委托书</source>
        <translation>Scan the letter of entrustment</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="97"/>
        <source>代办人：%1</source>
        <translation>Applied for by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="114"/>
        <source>✓ 村民已签名同意，可以确认提交</source>
        <translation>✓ The villager signed their consent: you can submit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="116"/>
        <source>✓ 已扫描村民签字的委托书，可以确认提交</source>
        <translation>✓ The signed letter of entrustment is scanned: you can submit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="118"/>
        <source>尚未取得村民同意：签名或扫描委托书之后才能提交</source>
        <translation>No consent from the villager yet: they sign, or you scan their letter of entrustment, before you can submit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="128"/>
        <source>以已扫描的委托书作为同意</source>
        <translation>Take the scanned letter of entrustment as consent</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="130"/>
        <source>本事项要求“%1”原件：请扫描村民签字的委托书。</source>
        <translation>This item requires the original “%1”: scan the letter of entrustment the villager signed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="133"/>
        <source>也可扫描“%1”。</source>
        <translation>Or scan the “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="142"/>
        <source>正在保存签名…</source>
        <translation>Saving the signature…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="151"/>
        <source>正在扫描委托书，请不要移动…</source>
        <translation>Scanning the letter of entrustment, do not move it…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/consent.py" line="155"/>
        <source>已记录村民的同意</source>
        <translation>The villager&apos;s consent is recorded</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../ui/screens/counter/window.py" line="79"/>
        <source>云办 · 窗口受理</source>
        <translation>Yunban · Counter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/window.py" line="80"/>
        <source>工作台 (Ctrl+W)</source>
        <translation>Workspace (Ctrl+W)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/window.py" line="82"/>
        <source>窗口录入 (Ctrl+N)</source>
        <translation>Walk-in (Ctrl+N)</translation>
    </message>
</context>
<context>
    <name>CounterWorkspace</name>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="255"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="256"/>
        <location filename="../../ui/screens/counter/workspace.py" line="296"/>
        <source>待受理</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="257"/>
        <source>自助终端提交</source>
        <translation>From kiosks</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="258"/>
        <source>窗口录入</source>
        <translation>Walk-ins</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="259"/>
        <location filename="../../ui/screens/counter/workspace.py" line="294"/>
        <location filename="../../ui/screens/counter/workspace.py" line="301"/>
        <source>草稿</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="260"/>
        <source>待补正 / 容缺</source>
        <translation>Corrections / deferred</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="261"/>
        <source>已办结</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="270"/>
        <source>受理编号或申请人姓名 (Ctrl+F)</source>
        <translation>Receipt number or applicant name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="271"/>
        <source>刷新 (F5)</source>
        <translation>Reload (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="272"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="273"/>
        <source>复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="274"/>
        <source>补打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="275"/>
        <source>补打通知书</source>
        <translation>Reprint the notice</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="276"/>
        <location filename="../../ui/screens/counter/workspace.py" line="477"/>
        <location filename="../../ui/screens/counter/workspace.py" line="565"/>
        <source>复核通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="277"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="278"/>
        <source>退回理由</source>
        <translation>Why it is returned</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="280"/>
        <source>受理 (Ctrl+1)</source>
        <translation>Accept (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="281"/>
        <source>不予受理 (Ctrl+2)</source>
        <translation>Refuse (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="282"/>
        <source>补正 (Ctrl+3)</source>
        <translation>Corrections (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="283"/>
        <source>容缺受理 (Ctrl+4)</source>
        <translation>Accept, materials later (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>受理编号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>来源</source>
        <translation>Where to get it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="288"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="293"/>
        <source>自助终端</source>
        <translation>At a self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="293"/>
        <source>窗口</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="293"/>
        <source>帮办代办</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="297"/>
        <source>待补正</source>
        <translation>Awaiting corrections</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="298"/>
        <location filename="../../ui/screens/counter/workspace.py" line="304"/>
        <source>容缺受理</source>
        <translation>Missing documents tolerated</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="299"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="300"/>
        <location filename="../../ui/screens/counter/workspace.py" line="303"/>
        <source>不予受理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="303"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="303"/>
        <source>补正</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="338"/>
        <source>%1（%2）· 窗口 %3</source>
        <translation>%1 (%2) · window %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="382"/>
        <source>共 %1 件</source>
        <translation>%1 in the queue</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="406"/>
        <source>（预申请）</source>
        <translation> (pre-application)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="408"/>
        <source>（复核退回）</source>
        <translation>(returned by review)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="422"/>
        <source>草稿 %1</source>
        <translation>Draft %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="423"/>
        <source>草稿在“办理”中继续填写后提交</source>
        <translation>Continue the draft in “Apply” and submit it there</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="450"/>
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="451"/>
        <source>事项：%1</source>
        <translation>Items: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="452"/>
        <source>已收材料：%1</source>
        <translation>Materials received: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="455"/>
        <source>待补材料：%1</source>
        <translation>Materials owed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="457"/>
        <source>承诺办结：%1</source>
        <translation>Promised by: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="458"/>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="461"/>
        <source>复核退回（%1）：%2</source>
        <translation>Returned by review (%1): %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="477"/>
        <location filename="../../ui/screens/counter/workspace.py" line="565"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="552"/>
        <source>待复核 %1 项</source>
        <translation>%1 to review</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="37"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="38"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="39"/>
        <source>补正材料</source>
        <translation>Ask for corrections</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="40"/>
        <source>容缺受理</source>
        <translation>Missing documents tolerated</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="59"/>
        <source>不予受理的理由（必填）：</source>
        <translation>Reason for refusing (required):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="61"/>
        <source>法律依据（来自事项目录）：</source>
        <translation>Legal basis (from the item catalog):</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="62"/>
        <source>（目录中没有该事项的设定依据，不能出具不予受理通知书）</source>
        <translation>(The catalog gives no legal basis for this item: no refusal notice can be issued)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="65"/>
        <source>需要补正的材料：</source>
        <translation>Materials to correct:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="65"/>
        <source>容缺（后补）的材料：</source>
        <translation>Materials to bring later:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="73"/>
        <source>其他材料（用顿号分隔）</source>
        <translation>Other materials (separated by 、)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="76"/>
        <source>补交期限：</source>
        <translation>Deadline for the materials:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="81"/>
        <source>通知书打印到：</source>
        <translation>Print the notice on:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="84"/>
        <source>A4 打印机</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="85"/>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="90"/>
        <source>确定并出具通知书</source>
        <translation>Decide and issue the notice</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="91"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="113"/>
        <source>请写明不予受理的理由</source>
        <translation>Write the reason for refusing</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/decision.py" line="116"/>
        <source>请至少选择一项材料</source>
        <translation>Choose at least one material</translation>
    </message>
</context>
<context>
    <name>DeliveryPage</name>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="105"/>
        <source>批量报送</source>
        <translation>Batch delivery</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="106"/>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="107"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="163"/>
        <source>开始报送 (Ctrl+R)</source>
        <translation>Start delivery (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="109"/>
        <source>暂停（下次接着报）</source>
        <translation>Pause (continue next time)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="110"/>
        <source>需要您处理的记录（已隔离）</source>
        <translation>Records you must deal with (quarantined)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="112"/>
        <source>隔离的记录不会再自动报送，也不会挡住其他记录。请按“您需要做的”一栏处理，处理前不要删除本机数据。</source>
        <translation>Quarantined records are not sent again automatically and do not hold up the others. Do what the “What you must do” column says; do not delete anything on this laptop before that.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="115"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="115"/>
        <source>回执号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="115"/>
        <source>为谁办理</source>
        <translation>For whom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="115"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="115"/>
        <source>您需要做的</source>
        <translation>What you must do</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="145"/>
        <source>待报送 %1 条（材料 %2） · 已送达 %3 条 · 已隔离 %4 条</source>
        <translation>To deliver: %1 records (materials %2) · delivered: %3 · quarantined: %4</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="151"/>
        <source>上次报送成功：%1</source>
        <translation>Last successful delivery: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="151"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="153"/>
        <source>本机还未注册到平台，不能报送：请到乡镇便民服务中心请技术人员注册。</source>
        <translation>This laptop is not enrolled with the platform and cannot deliver: ask the technician at the township service centre to enroll it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="161"/>
        <source>更新办理状态 (Ctrl+R)</source>
        <translation>Update statuses (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="170"/>
        <source>%1 / %2 条</source>
        <translation>%1 / %2 records</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="177"/>
        <source>剩余时间约 %1 · 已用 %2</source>
        <translation>About %1 left · %2 elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="182"/>
        <source>网络不稳，正在重试：%1</source>
        <translation>Unstable network, retrying: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="193"/>
        <source>本次送达 %1 条，隔离 %2 条，还剩 %3 条待报送。</source>
        <translation>Delivered %1, quarantined %2, %3 still to deliver.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="199"/>
        <source>更新了 %1 条办理状态。</source>
        <translation>%1 application statuses updated.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="201"/>
        <source>未报完的原因：%1。回到有信号的地方再按“开始报送”，已传的部分不会重传。</source>
        <translation>Not finished because: %1. Where there is signal again, press “Start delivery”: what was already sent is not sent again.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="226"/>
        <source>正在报送……可以继续使用其他页面</source>
        <translation>Delivering… you can keep using the other pages</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="234"/>
        <source>正在暂停：当前这条记录报完后停止</source>
        <translation>Pausing: stops after the record being sent</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/delivery.py" line="244"/>
        <source>报送结束</source>
        <translation>Delivery ended</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="253"/>
        <source>检测到的设备</source>
        <translation>Devices found</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="254"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="255"/>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="256"/>
        <source>测试读卡</source>
        <translation>Test card read</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="271"/>
        <source>读卡器</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="271"/>
        <source>回执打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="271"/>
        <source>高拍仪 / 扫描仪</source>
        <translation>Document camera / scanner</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="284"/>
        <source>失败：{error}</source>
        <translation>Failed: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="295"/>
        <source>正在打印测试页……</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="296"/>
        <source>测试页已打印（{size} 字节，{uri}）</source>
        <translation>Test page printed ({size} bytes, {uri})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="300"/>
        <source>请在读卡器上放一张身份证（10 秒内）……</source>
        <translation>Lay an ID card on the reader (within 10 s)…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="306"/>
        <source>读卡成功：{name} {number}</source>
        <translation>Card read: {name} {number}</translation>
    </message>
</context>
<context>
    <name>DivisionPage</name>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="133"/>
        <source>搜索区划</source>
        <translation>Search divisions</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="134"/>
        <source>名称、拼音或代码，如 团山 / tuanshan / tsc</source>
        <translation>Name, pinyin or code, e.g. 团山 / tuanshan / tsc</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="135"/>
        <source>逐级选择</source>
        <translation>Pick level by level</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="136"/>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="136"/>
        <source>市（州）</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="136"/>
        <source>县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="136"/>
        <source>乡镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="137"/>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="142"/>
        <location filename="../../ui/screens/provisioning/division_page.py" line="176"/>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="212"/>
        <source>尚未选择区划</source>
        <translation>No division chosen yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="213"/>
        <source>终端须设在县（市、区）、乡镇（街道）或村（社区）。</source>
        <translation>A terminal stands in a county, township or village.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="215"/>
        <source>已选择：{name}（{code}）</source>
        <translation>Chosen: {name} ({code})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="220"/>
        <source>请继续选择到县（市、区）、乡镇（街道）或村（社区）。</source>
        <translation>Go on down to a county, township or village.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="239"/>
        <source>正在搜索……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="255"/>
        <source>找到 {n} 个区划，点选一个</source>
        <translation>Divisions found: {n}; tap one</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/division_page.py" line="255"/>
        <source>没有找到，换个写法试试</source>
        <translation>Nothing found, try another spelling</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="408"/>
        <source>注册终端并设置维护密码后才能完成。</source>
        <translation>Enroll the terminal and set the technician PIN to finish.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="410"/>
        <source>区划已更改：云办将重新启动以载入本区划的事项（由系统服务自动拉起）。</source>
        <translation>The division changed: Yunban restarts to load this division&apos;s services (the system service starts it again).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="412"/>
        <source>点“完成”进入自助终端首页。</source>
        <translation>Tap Finish to open the kiosk&apos;s home screen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="413"/>
        <source>重新启动云办</source>
        <translation>Restart Yunban</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="413"/>
        <source>完成，进入首页</source>
        <translation>Finish, go to home</translation>
    </message>
</context>
<context>
    <name>DraftsPage</name>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="60"/>
        <source>草稿箱（所有走访）</source>
        <translation>Drafts (all visits)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="62"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="62"/>
        <source>为谁办理</source>
        <translation>For whom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="62"/>
        <source>最后修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="62"/>
        <source>保留至</source>
        <translation>Kept until</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="62"/>
        <source>草稿号</source>
        <translation>Draft code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="64"/>
        <source>继续办理 (Enter)</source>
        <translation>Resume (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="75"/>
        <source>草稿在最后一次修改后保留 %1 天，到期自动清除（连同只属于它的扫描材料）。</source>
        <translation>A draft is kept %1 days after its last change, then deleted automatically (with the scans only it used).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="80"/>
        <source>草稿一直保留，直到提交或删除。</source>
        <translation>Drafts are kept until they are submitted or deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="93"/>
        <source>提交或删除前一直保留</source>
        <translation>Kept until submitted or deleted</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="96"/>
        <source>%1（已到期，下次清理时删除）</source>
        <translation>%1 (expired, deleted at the next clean-up)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="97"/>
        <source>%1（还剩 %2 天）</source>
        <translation>%1 (%2 days left)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="100"/>
        <source>（未关联走访对象）</source>
        <translation>(not linked to anyone on the visit list)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="120"/>
        <source>共 %1 份草稿</source>
        <translation>Drafts: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="133"/>
        <source>删除草稿 (Delete)</source>
        <translation>Delete draft (Delete)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="142"/>
        <source>确认删除？再按一次</source>
        <translation>Delete? Press again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="143"/>
        <source>删除后无法恢复：“%1”的草稿和只属于它的扫描材料都会清除。</source>
        <translation>This cannot be undone: the draft of “%1” and the scans only it used will be deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/drafts.py" line="154"/>
        <source>草稿已删除</source>
        <translation>Draft deleted</translation>
    </message>
</context>
<context>
    <name>FormTexts</name>
    <message>
        <location filename="../../ui/forms/texts.py" line="15"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="16"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="17"/>
        <source>检查并提交</source>
        <translation>Check and submit</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="18"/>
        <source>第 {n} 步，共 {total} 步</source>
        <translation>Step {n} of {total}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="19"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="20"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="21"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="22"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="23"/>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="24"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="25"/>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="26"/>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="27"/>
        <source>请用手指在框内签名</source>
        <translation>Sign inside the box with your finger</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="28"/>
        <source>擦掉重签</source>
        <translation>Clear and sign again</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="29"/>
        <source>扫描 / 拍照</source>
        <translation>Scan / photograph</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="30"/>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="31"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="32"/>
        <source>还没有材料页面</source>
        <translation>No pages yet</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="33"/>
        <source>第 {n} 页</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="34"/>
        <source>（未加载行政区划数据，请输入区划代码）</source>
        <translation>(no division data loaded: type the division code)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="35"/>
        <source>还有 {n} 处需要修改，请看红色提示</source>
        <translation>{n} answers need attention (shown in red)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="36"/>
        <source>粘贴的内容太长（{n:,} 个字），此项最多 {cap:,} 个字，没有粘贴</source>
        <translation>The pasted text is too long ({n:,} characters); this field takes at most {cap:,}. Nothing was pasted.</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="37"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../../ui/forms/texts.py" line="38"/>
        <source>请填写以下信息</source>
        <translation>Please fill in the following</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../ui/screens/guide.py" line="102"/>
        <source>正在加载办事指南…</source>
        <translation>Loading the guide…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="148"/>
        <source>须到窗口办理：查看办理地点 · 可先填预申请</source>
        <translation>Apply at the window: where to go · pre-application</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="150"/>
        <source>本事项不能在自助终端受理（需要本人到窗口办理）。在这里只能填写预申请，它不是受理。</source>
        <translation>This item cannot be accepted at a self-service terminal (apply in person at the window). Here you can only fill in a pre-application, which is not an application.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="189"/>
        <source>暂时无法显示该事项，请稍后再试或到窗口咨询。</source>
        <translation>This item cannot be shown right now. Please try again later or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="215"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="243"/>
        <source>支持</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="243"/>
        <source>不支持</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="249"/>
        <source>基本编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="250"/>
        <source>事项类型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="252"/>
        <source>主管部门</source>
        <translation>Competent department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="255"/>
        <source>服务对象</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="256"/>
        <source>行使层级</source>
        <translation>Handled at</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="261"/>
        <source>本事项为演示数据，仅供体验，不作为办事依据。</source>
        <translation>Demo data for trying out the terminal; not an official guide.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="262"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="269"/>
        <source>一次告知 · 请带齐以下材料</source>
        <translation>Checklist · please bring all of these</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="270"/>
        <source>共 %n 项材料，</source>
        <translation>
            <numerusform>%n document, </numerusform>
            <numerusform>%n documents, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="270"/>
        <source>其中必需 %n 项。</source>
        <translation>
            <numerusform>%n of them required. </numerusform>
            <numerusform>%n of them required. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="272"/>
        <source>本事项支持容缺受理：非关键材料可先受理、后补交。</source>
        <translation>Applications are accepted with non-essential documents missing; bring them later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="278"/>
        <source>受理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="282"/>
        <location filename="../../ui/screens/guide.py" line="331"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="282"/>
        <location filename="../../ui/screens/guide.py" line="334"/>
        <location filename="../../ui/screens/guide.py" line="375"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="284"/>
        <source>无需到现场（零跑动）</source>
        <translation>No visit needed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="284"/>
        <source>最多跑 %n 次</source>
        <translation>
            <numerusform>At most %n visit</numerusform>
            <numerusform>At most %n visits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="286"/>
        <source>办理时限与到现场次数</source>
        <translation>Time limits and visits</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="289"/>
        <source>法定办结时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="290"/>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="292"/>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="293"/>
        <source>即办件</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="293"/>
        <source>承诺件</source>
        <translation>Done within the promised time</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="297"/>
        <source>到办事现场次数</source>
        <translation>Visits in person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="304"/>
        <location filename="../../ui/screens/guide.py" line="307"/>
        <source>收费</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="307"/>
        <source>是否收费</source>
        <translation>Charged</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="307"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="308"/>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="309"/>
        <source>收费依据</source>
        <translation>Legal basis of the fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="316"/>
        <source>办理方式</source>
        <translation>Ways to apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="319"/>
        <source>网上办理</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="320"/>
        <source>物流快递</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="321"/>
        <source>预约办理</source>
        <translation>By appointment</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="322"/>
        <source>自助终端</source>
        <translation>At a self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="323"/>
        <source>容缺受理</source>
        <translation>Missing documents tolerated</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="334"/>
        <source>办理流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="338"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="339"/>
        <source>结果名称</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="339"/>
        <source>结果类型</source>
        <translation>Result type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="348"/>
        <source>子项与业务办理项</source>
        <translation>Sub-items and cases</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="358"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="359"/>
        <source>实施编码</source>
        <translation>Implementation code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="360"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="361"/>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="362"/>
        <source>咨询电话</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="363"/>
        <source>监督投诉电话</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="368"/>
        <source>实施主体与办理地点</source>
        <translation>Who handles it, and where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="369"/>
        <source>本终端所在地区暂无实施主体，请到窗口咨询。</source>
        <translation>No office handles this item in this area; please ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="374"/>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="380"/>
        <source>所属主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="380"/>
        <source>常用说法</source>
        <translation>Also known as</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="383"/>
        <source>相关主题与常用说法</source>
        <translation>Themes and other names</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="390"/>
        <source>第 %1 版，共 %n 项内容</source>
        <translation>
            <numerusform>Version %1, %n field</numerusform>
            <numerusform>Version %1, %n fields</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="391"/>
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="395"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="395"/>
        <source>非必需</source>
        <translation>optional</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="397"/>
        <source>%n 份</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="402"/>
        <source>来源</source>
        <translation>Where to get it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="403"/>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="404"/>
        <source>空白表格</source>
        <translation>Blank form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="405"/>
        <source>示例样表</source>
        <translation>Sample</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="406"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="66"/>
        <source>欢迎使用政务服务自助终端</source>
        <translation>Welcome to the government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="67"/>
        <source>请点击下方按钮选择服务。查看办事指南无需登录。</source>
        <translation>Tap a button below to choose a service. Reading guides needs no log-in.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="69"/>
        <source>办事指南
查找事项</source>
        <translation>Service guides
Find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="70"/>
        <source>分类浏览
部门 · 主题</source>
        <translation>Browse
Departments · themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="154"/>
        <location filename="../../ui/screens/home.py" line="71"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="72"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="73"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="74"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/kiosk/session.py" line="63"/>
        <source>您还在使用吗？
倒计时结束后将清除本页信息并返回首页</source>
        <translation>Are you still there?
When the countdown ends, this page is cleared and the kiosk returns home</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/session.py" line="64"/>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>InfoOverlay</name>
    <message>
        <location filename="../../ui/kiosk/info.py" line="112"/>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="113"/>
        <source>呼叫工作人员</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="115"/>
        <source>取消呼叫</source>
        <translation>Cancel the call</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="118"/>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="121"/>
        <source>本终端正在使用演示用的事项目录：事项、办事指南和办理结果都是示例，仅供演示和培训，在这里提交的申请不会被正式受理，打印的回执标有“演示”。
如需正式办理，请到服务窗口。</source>
        <translation>This kiosk is using a demonstration catalog: the items, guides and results are examples for demonstration and training only. Applications submitted here are not formally accepted, and printed receipts are marked &quot;demo&quot;.
For a real application, please go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="126"/>
        <source>已通知工作人员，请稍候</source>
        <translation>Staff have been called, please wait</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="127"/>
        <source>工作人员会到这台终端旁来帮您，请不要走开。不需要了可以点“取消呼叫”。</source>
        <translation>A member of staff will come to this terminal to help you; please stay here. If you no longer need help, tap Cancel the call.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="129"/>
        <source>使用帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="131"/>
        <source>点击首页上的大按钮选择服务；查看办事指南无需登录。</source>
        <translation>Tap a big button on the home screen to choose a service; reading guides needs no log-in.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="132"/>
        <source>看不清字？点右上角的“大字模式”。</source>
        <translation>Text too small? Tap &quot;Large text&quot; at the top right.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="133"/>
        <source>页面较长时，用手指按住页面上下拖动即可翻看。</source>
        <translation>On a long page, drag it up or down with your finger.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="134"/>
        <source>办理业务时，请把身份证平放在读卡区（办理页面上有图示）。</source>
        <translation>To apply, lay your ID card flat on the card reader (the apply page shows where).</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="137"/>
        <source>已取消呼叫。需要时可以再次呼叫工作人员。</source>
        <translation>The call was cancelled. You can call the staff again whenever you need.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="139"/>
        <source>需要人帮忙：点下方“呼叫工作人员”，或到咨询窗口。</source>
        <translation>Need a person? Tap &quot;Call staff&quot; below, or go to the enquiries window.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/info.py" line="141"/>
        <source>需要人帮忙：请向大厅工作人员示意，或到咨询窗口。</source>
        <translation>Need a person? Wave to the hall staff, or go to the enquiries window.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="157"/>
        <source>云办 · 政务服务自助终端</source>
        <translation>Yunban · Government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="158"/>
        <source>政务服务自助终端</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="159"/>
        <source>云办</source>
        <translation>Yunban</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="161"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="162"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="163"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="164"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="168"/>
        <source>标准字体</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/bars.py" line="169"/>
        <source>大字模式</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="155"/>
        <source>维护</source>
        <translation>Maintenance</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="10"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="11"/>
        <source>市级</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="12"/>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="13"/>
        <source>乡级</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="14"/>
        <source>村级</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="17"/>
        <source>行政许可</source>
        <translation>Administrative licence</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="18"/>
        <source>行政确认</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="19"/>
        <source>行政给付</source>
        <translation>Administrative benefit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="20"/>
        <source>行政奖励</source>
        <translation>Administrative award</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="21"/>
        <source>行政裁决</source>
        <translation>Administrative ruling</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="22"/>
        <source>行政征收</source>
        <translation>Administrative levy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="23"/>
        <source>行政检查</source>
        <translation>Administrative inspection</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="24"/>
        <source>其他行政权力</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="25"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="28"/>
        <source>自然人</source>
        <translation>Individuals</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="29"/>
        <source>法人</source>
        <translation>Organisations</translation>
    </message>
</context>
<context>
    <name>LaptopWindow</name>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="183"/>
        <source>云办 · 网格员工作台</source>
        <translation>Yunban · Grid worker</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="184"/>
        <source>云办 · 网格员工作台（帮办代办）</source>
        <translation>Yunban · Grid worker (applying on behalf)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="186"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="187"/>
        <source>值班长授权</source>
        <translation>Supervisor override</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="189"/>
        <source>网格员登录（本机离线验证）</source>
        <translation>Grid worker log-in (checked offline on this laptop)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="191"/>
        <source>走访清单  Ctrl+1</source>
        <translation>Visit list  Ctrl+1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="191"/>
        <source>草稿箱  Ctrl+2</source>
        <translation>Drafts  Ctrl+2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="191"/>
        <source>批量报送  Ctrl+3</source>
        <translation>Delivery  Ctrl+3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="192"/>
        <source>办理  Ctrl+4</source>
        <translation>Apply  Ctrl+4</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="221"/>
        <source>网格员：%1</source>
        <translation>Grid worker: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="221"/>
        <source>网格员：本机</source>
        <translation>Grid worker: this laptop</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="223"/>
        <location filename="../../ui/screens/laptop/window.py" line="249"/>
        <location filename="../../ui/screens/laptop/window.py" line="277"/>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/window.py" line="459"/>
        <source>正在为 %1 办理</source>
        <translation>Applying for %1</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="88"/>
        <source>窗口工作人员登录</source>
        <translation>Counter staff log-in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="89"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="90"/>
        <source>密码或 PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="91"/>
        <source>登录 (Enter)</source>
        <translation>Log in (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/workspace.py" line="97"/>
        <source>请输入工号和密码</source>
        <translation>Enter your staff ID and password</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="40"/>
        <source>系统维护中</source>
        <translation>Under maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="41"/>
        <source>事项目录暂时无法使用，请到服务窗口办理，或稍后再试。
给您带来不便，敬请谅解。</source>
        <translation>The service catalogue is unavailable. Please go to a service window or try again later.
We apologise for the inconvenience.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="42"/>
        <source>技术信息：%1</source>
        <translation>Technical details: %1</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="21"/>
        <source>值班长授权</source>
        <translation>Supervisor override</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="25"/>
        <source>本机已超过离线期限。值班长输入自己的工号和密码，可授权继续代办一段时间。</source>
        <translation>This laptop is past its offline limit. A supervisor can allow applying on behalf for a while with their own staff number and password.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="35"/>
        <source> 小时</source>
        <translation> hours</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="36"/>
        <source>值班长工号</source>
        <translation>Supervisor&apos;s staff number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="37"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="38"/>
        <source>授权时长</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="44"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/override.py" line="46"/>
        <source>授权</source>
        <translation>Authorise</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="70"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="71"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="72"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="73"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="74"/>
        <source>适合窗口</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="75"/>
        <source>旋转</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="80"/>
        <source>没有扫描材料</source>
        <translation>No scanned pages</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="83"/>
        <source>第 %1 / %2 页 · %3% · %4°</source>
        <translation>Page %1 / %2 · %3% · %4°</translation>
    </message>
    <message>
        <location filename="../../ui/screens/counter/pages.py" line="114"/>
        <source>第 %1 页不是可显示的图片</source>
        <translation>Page %1 is not an image that can be shown</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="346"/>
        <source>维护密码用于进入维护界面和退出自助终端。请输入 6–12 位数字，只保存其加密摘要。</source>
        <translation>The technician PIN opens the maintenance screen and closes the kiosk. Enter 6–12 digits; only a hash of it is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="347"/>
        <source>新维护密码</source>
        <translation>New technician PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="348"/>
        <source>再输入一次</source>
        <translation>Enter it again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="349"/>
        <source>保存密码</source>
        <translation>Save PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="366"/>
        <source>维护密码已保存</source>
        <translation>Technician PIN saved</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="40"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="41"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="42"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="43"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="47"/>
        <source>本终端暂未开通此项服务，将在后续版本提供。
现在可以先查看办事指南，或到服务窗口办理。</source>
        <translation>This service is not available on this terminal yet; it will come in a later version.
You can read the service guides now, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="49"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="141"/>
        <source>平台地址</source>
        <translation>Platform URL</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="143"/>
        <source>一次性注册码（平台发放）</source>
        <translation>One-time enrollment code (from the platform)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="145"/>
        <source>扫描二维码</source>
        <translation>Scan QR code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="146"/>
        <source>登记</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="160"/>
        <source>本终端尚未注册。请填写平台地址和注册码，然后点“登记”。</source>
        <translation>This terminal is not enrolled. Enter the platform URL and the enrollment code, then tap Enroll.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="162"/>
        <source>本终端已注册：{terminal}（平台 {platform}）</source>
        <translation>This terminal is enrolled: {terminal} (platform {platform})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="178"/>
        <source>正在扫描……请把注册码二维码平放在高拍仪下</source>
        <translation>Scanning… lay the enrollment QR code flat under the document camera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="184"/>
        <source>已读取注册码 {code}</source>
        <translation>Enrollment code {code} read</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="191"/>
        <source>请先在第 1 步选择本终端所在的区划</source>
        <translation>First choose the terminal&apos;s division in step 1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="195"/>
        <source>请填写注册码，或点“扫描二维码”</source>
        <translation>Enter the enrollment code, or tap Scan QR code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="197"/>
        <source>正在向平台登记……</source>
        <translation>Enrolling with the platform…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="201"/>
        <source>登记失败：{error}</source>
        <translation>Enrollment failed: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/pages.py" line="207"/>
        <source>登记成功：终端 {terminal}，平台 {platform}；平台地址和区划已保存</source>
        <translation>Enrolled: terminal {terminal}, platform {platform}; platform URL and division saved</translation>
    </message>
</context>
<context>
    <name>ProvisioningScreen</name>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="229"/>
        <source>密码错误，请重试</source>
        <translation>Wrong PIN, try again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="272"/>
        <source>1 区划</source>
        <translation>1 Division</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="272"/>
        <source>2 平台</source>
        <translation>2 Platform</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="272"/>
        <source>3 设备</source>
        <translation>3 Devices</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="273"/>
        <source>4 技术员密码</source>
        <translation>4 Technician PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="273"/>
        <source>5 完成</source>
        <translation>5 Finish</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="282"/>
        <source>区划：{name}（{code}）</source>
        <translation>Division: {name} ({code})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="283"/>
        <source>区划：未选择</source>
        <translation>Division: not chosen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="284"/>
        <source>平台：已注册</source>
        <translation>Platform: enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="284"/>
        <source>平台：未注册</source>
        <translation>Platform: not enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="285"/>
        <source>设备：全部正常</source>
        <translation>Devices: all ready</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="285"/>
        <source>设备：请在第 3 步检测</source>
        <translation>Devices: check them in step 3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="286"/>
        <source>维护密码：已设置</source>
        <translation>Technician PIN: set</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="286"/>
        <source>维护密码：未设置</source>
        <translation>Technician PIN: not set</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="301"/>
        <source>终端开通（技术员）</source>
        <translation>Terminal set-up (technician)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="302"/>
        <source>本终端已设置维护密码：请先输入维护密码</source>
        <translation>This terminal has a technician PIN: enter it first</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="303"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="304"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/screens/provisioning/screen.py" line="305"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="96"/>
        <source>已替村民提交：请把回执交给村民</source>
        <translation>Submitted for the villager: give them the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="97"/>
        <source>请村民用手机扫码，保存受理编号，日后可查进度</source>
        <translation>Let the villager scan this with their phone to keep the receipt number and check progress later</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="98"/>
        <source>办事指引（念给村民听）</source>
        <translation>What happens next (read it to the villager)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="99"/>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="100"/>
        <source>打印办事指引  Ctrl+P</source>
        <translation>Print what happens next  Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="101"/>
        <source>返回走访清单  Esc</source>
        <translation>Back to the visit list  Esc</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="121"/>
        <source>受理回执已在便携打印机打印。</source>
        <translation>The receipt was printed on the portable printer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="123"/>
        <source>回执没有打印（%1）：请让村民扫码保存。</source>
        <translation>The receipt was not printed (%1): let the villager scan the code to keep it.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="140"/>
        <source>受理编号 %1
校验码 %2</source>
        <translation>Receipt number %1
Check code %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="148"/>
        <source>正在打印办事指引…</source>
        <translation>Printing what happens next…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="155"/>
        <source>正在打印回执…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="160"/>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/receipt.py" line="162"/>
        <source>没有打印：%1</source>
        <translation>Not printed: %1</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../ui/screens/search.py" line="289"/>
        <source>一件事 · %1</source>
        <translation>One thing, one visit · %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="289"/>
        <source>主题 · %1</source>
        <translation>Theme · %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="349"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="351"/>
        <source>暂时无法查询，请稍后再试或到窗口咨询。</source>
        <translation>Search is unavailable right now. Please try again later or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="353"/>
        <source>“%1”包含以下事项，点击查看办事指南</source>
        <translation>“%1” covers the services below: tap one to read its guide</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/search.py" line="355"/>
        <source>找到 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item found, tap it to read the guide</numerusform>
            <numerusform>%n items found, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="357"/>
        <source>找到相关的“一件事”，点击查看包含的事项</source>
        <translation>Matching “one thing” themes: tap one to see the services it covers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="359"/>
        <source>没有找到相关事项。您是不是要找下面这些？点一下即可查找，或到窗口咨询。</source>
        <translation>Nothing found. Did you mean one of these? Tap one to search for it, or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="361"/>
        <source>没有找到相关事项。请换个说法试试，如“低保”“身份证”，或到窗口咨询。</source>
        <translation>Nothing found. Try other words, or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="363"/>
        <source>常办事项如下，点击查看；也可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Frequently used items below: tap one, or type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="365"/>
        <source>可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="369"/>
        <source>办事指南 · 查找事项</source>
        <translation>Service guides · find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="370"/>
        <source>请输入要办的事，如：身份证</source>
        <translation>What do you need? e.g. 身份证 (ID card)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="371"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync_indicator.py" line="70"/>
        <source>同步：检查中</source>
        <translation>Sync: checking</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="72"/>
        <source>待上传 %n 件</source>
        <translation>
            <numerusform>%n to upload</numerusform>
            <numerusform>%n to upload</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="74"/>
        <source>上次同步 %1</source>
        <translation>last sync %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="76"/>
        <source>尚未同步</source>
        <translation>never synced</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../ui/screens/laptop/unlock.py" line="44"/>
        <source>本机解锁</source>
        <translation>Unlock this laptop</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/unlock.py" line="47"/>
        <source>本机的群众信息已加密。请输入您的本机解锁密码（只保存在内存中，关机即忘）；忘记密码请联系县级技术人员。</source>
        <translation>The villagers&apos; data on this laptop is encrypted. Enter your unlock password (kept in memory only, forgotten at shutdown); if you forgot it, contact the county technician.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/unlock.py" line="50"/>
        <source>本机解锁密码</source>
        <translation>Unlock password</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/unlock.py" line="51"/>
        <source>解锁 (Enter)</source>
        <translation>Unlock (Enter)</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="174"/>
        <source>走访清单</source>
        <translation>Visit list</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="175"/>
        <source>按姓名、户主或村组查找（Ctrl+F）</source>
        <translation>Find by name, household head or village group (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="176"/>
        <source>新增一户 (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="177"/>
        <source>添加家庭成员 (Ctrl+Shift+N)</source>
        <translation>Add member (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="178"/>
        <source>为此人办理</source>
        <translation>Apply for this person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="179"/>
        <source>修改 (F2)</source>
        <translation>Edit (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="181"/>
        <source>户 / 人</source>
        <translation>Household / person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="181"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="182"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="182"/>
        <source>回执号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="182"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="182"/>
        <source>办理时间</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="183"/>
        <source>草稿事项</source>
        <translation>Draft item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="183"/>
        <source>最后修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="183"/>
        <source>草稿状态</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="355"/>
        <source>新增一户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="185"/>
        <source>户主姓名 *</source>
        <translation>Household head *</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="186"/>
        <source>村组</source>
        <translation>Village group</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="187"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="188"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="189"/>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="190"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="191"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="192"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="197"/>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="198"/>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="232"/>
        <source>共 %1 户 %2 人</source>
        <translation>Households: %1 · people: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="285"/>
        <source>村组：%1</source>
        <translation>Village group: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="286"/>
        <source>住址：%1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="287"/>
        <source>家庭成员：%1 人</source>
        <translation>Members: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="290"/>
        <location filename="../../ui/screens/laptop/visits.py" line="308"/>
        <source>备注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="294"/>
        <source>还没有选中任何一户</source>
        <translation>No household selected yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="296"/>
        <source>走访清单只保存您在本机录入的户和人，不从平台下载任何人的信息。按 Ctrl+N 新增一户。</source>
        <translation>The visit list holds only the households and people you entered on this laptop; nobody&apos;s data is downloaded from the platform. Press Ctrl+N to add a household.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="303"/>
        <source>身份证号：%1</source>
        <translation>ID number: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="304"/>
        <source>联系电话：%1</source>
        <translation>Phone: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="305"/>
        <source>与户主关系：%1</source>
        <translation>Relation to head: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="314"/>
        <source>已隔离：请到“批量报送”查看处理办法</source>
        <translation>Quarantined: see what to do under “Delivery”</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="316"/>
        <source>待报送（本机）</source>
        <translation>Waiting on this laptop</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="318"/>
        <source>本机已无此记录</source>
        <translation>No longer on this laptop</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="319"/>
        <source>已送达平台，等待受理</source>
        <translation>Delivered, awaiting acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="322"/>
        <source>申请（%1 件）</source>
        <translation>Applications (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="328"/>
        <source>草稿（%1 份，双击继续办理）</source>
        <translation>Drafts (%1, double-click to resume)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="332"/>
        <source>保存中</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="332"/>
        <source>已提交、已删除或已过期</source>
        <translation>Submitted, deleted or expired</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="362"/>
        <source>请先在左侧选中一户</source>
        <translation>Select a household on the left first</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="367"/>
        <source>添加家庭成员：%1</source>
        <translation>Add a member: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="378"/>
        <location filename="../../ui/screens/laptop/visits.py" line="385"/>
        <source>修改：%1</source>
        <translation>Edit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="391"/>
        <source>移出清单 (Delete)</source>
        <translation>Remove (Delete)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="400"/>
        <source>确认移出？再按一次</source>
        <translation>Remove? Press again</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="401"/>
        <source>移出后本机不再保存其信息；有未办结的申请或草稿时不能移出。</source>
        <translation>Once removed, this laptop no longer keeps their data; someone with an open application or draft cannot be removed.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="409"/>
        <source>已移出走访清单</source>
        <translation>Removed from the visit list</translation>
    </message>
    <message>
        <location filename="../../ui/screens/laptop/visits.py" line="438"/>
        <source>已保存（已加密存储在本机）</source>
        <translation>Saved (encrypted on this laptop)</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../apply/messages.py" line="10"/>
        <source>会话已结束，请重新开始</source>
        <translation>the session was wiped, start again</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="12"/>
        <source>未知的办理渠道「{channel}」（可选：{known}）</source>
        <translation>unknown channel &apos;{channel}&apos; (known: {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="15"/>
        <source>主题 {theme}（{code}）不是一件事联办，请选择其中的事项</source>
        <translation>theme {theme} ({code}) is not a bundle: choose one of its items</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="17"/>
        <source>事项表单定义有误，无法申请（{detail}）</source>
        <translation>the item&apos;s form definition is invalid: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="20"/>
        <source>一件事主题的字段或材料对应有误，无法申请（{detail}）</source>
        <translation>invalid theme mapping: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="23"/>
        <source>证件照片格式「{format}」不对，应为 {formats}</source>
        <translation>card photo format &apos;{format}&apos; unknown (expected {formats})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="25"/>
        <source>证件照片数据不是有效的 base64</source>
        <translation>card photo: not valid base64</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="26"/>
        <source>表单没有这个字段：{field}</source>
        <translation>the form has no field &apos;{field}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="30"/>
        <source>没有这个材料：{slot}</source>
        <translation>no material slot &apos;{slot}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="31"/>
        <source>文件过大（上限 {limit_mb} MB）</source>
        <translation>file too large (limit {limit_mb} MB)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="32"/>
        <source>无法读取文件 {name}（{reason}）</source>
        <translation>cannot read {name}: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="33"/>
        <source>空文件</source>
        <translation>empty page</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="35"/>
        <source>{name} 不是普通文件（{kind}），只接受普通文件</source>
        <translation>{name} is not a regular file ({kind}); only regular files are accepted</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="39"/>
        <source>{name} 不是图片或 PDF：材料只接受 JPEG、PNG、TIFF 图片或 PDF 文件</source>
        <translation>{name} is not an image or a PDF: materials accept only JPEG, PNG or TIFF images and PDF files</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="42"/>
        <source>{name} 已损坏或无法打开，请重新扫描或换一个文件</source>
        <translation>{name} is damaged or cannot be opened; scan it again or choose another file</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="44"/>
        <source>{option} {name} 不是有效的 JSON：{error}</source>
        <translation>{option} {name} is not valid JSON: {error}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="46"/>
        <source>{option} {name} 嵌套过深（最多 {limit} 层）</source>
        <translation>{option} {name} is nested too deeply (at most {limit} levels)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="48"/>
        <source>未配置扫描仪</source>
        <translation>no scanner configured</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="49"/>
        <source>没有第 {page} 页</source>
        <translation>no page {page}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="51"/>
        <source>本事项不支持容缺受理，「{material}」须现在提供</source>
        <translation>this item does not allow deferring &apos;{material}&apos;: provide it now</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="56"/>
        <source>{reason}</source>
        <translation>this card cannot be used for this application: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="60"/>
        <source>表单还有 {count} 处需要修改（{first}）</source>
        <translation>the form has {count} error(s) to fix ({first})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="62"/>
        <source>还缺少必需的材料：{materials}</source>
        <translation>required materials are missing: {materials}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="65"/>
        <source>申请人尚未同意告知承诺，不能提交：请先阅读并同意告知承诺</source>
        <translation>The applicant has not agreed to the declaration (告知承诺), so nothing was submitted: read and agree to the declaration first</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="71"/>
        <source>本终端没有受理编号 {number} 的记录</source>
        <translation>no submission with receipt number {number} here</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="72"/>
        <source>没有找到保留的草稿 {code}</source>
        <translation>no kept draft with code {code}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="74"/>
        <source>没有找到草稿 {code}（保留的草稿 {days} 天后自动删除）</source>
        <translation>no draft with code {code} (kept drafts are deleted after {days} days)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="78"/>
        <source>草稿 {code} 已超过保留期限（保留至 {until}），已删除，请重新申请</source>
        <translation>draft {code} expired (kept until {until}) and was deleted: start a new application</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="84"/>
        <source>受理编号格式或校验位不对：{number}</source>
        <translation>not a valid receipt number: {number}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="87"/>
        <source>评价等级「{level}」不对，应为 {levels} 之一</source>
        <translation>unknown rating level &apos;{level}&apos; (one of {levels})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="89"/>
        <source>差评请至少选择一个原因</source>
        <translation>a bad rating needs a reason</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="90"/>
        <source>评价内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="93"/>
        <source>差评必须说明理由：原因不能为空白或只有标点，请选择原因或写明具体情况</source>
        <translation>A poor rating needs a reason: a reason cannot be blank or punctuation only; choose a reason or describe what happened</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="96"/>
        <source>选择「其他」时请写明具体原因</source>
        <translation>With &quot;Other&quot;, please write what the reason is</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="100"/>
        <source>受理编号 {number} 不是本终端出具的，请同时输入回执上的校验码（二维码下方「校验码」后的 8 位）</source>
        <translation>Receipt number {number} was not issued by this terminal; please also enter the check code on the receipt (the 8 characters after &quot;校验码&quot; below the QR code)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="106"/>
        <source>请同时输入校验码：印在受理回执二维码下方「校验码」后的 8 位字母数字；也可以扫描回执二维码</source>
        <translation>Please also enter the check code: the 8 letters and digits after &quot;校验码&quot; below the QR code on the receipt; or scan the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="112"/>
        <source>校验码与受理编号不符，请核对回执二维码下方「校验码」后的 8 位</source>
        <translation>The check code does not match the receipt number; please check the 8 characters after &quot;校验码&quot; below the receipt&apos;s QR code</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="116"/>
        <source>校验码应为 8 位数字或字母 A–F（印在回执二维码下方），收到：{code}</source>
        <translation>The check code is 8 digits or letters A–F (printed below the receipt&apos;s QR code); got: {code}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="119"/>
        <source>联系电话「{phone}」不对，应为 7–12 位数字</source>
        <translation>Contact phone &quot;{phone}&quot; is not valid: it should be 7–12 digits</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="122"/>
        <source>咨询投诉的类型「{kind}」不对，应为 {known} 之一</source>
        <translation>unknown kind &apos;{kind}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="126"/>
        <source>咨询投诉的对象「{subject}」不对，应为 {known} 之一</source>
        <translation>unknown subject &apos;{subject}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="128"/>
        <source>请填写内容</source>
        <translation>the text is empty</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="129"/>
        <source>内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="130"/>
        <source>未配置高拍仪</source>
        <translation>no document camera configured</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="135"/>
        <source>更正身份证读取的信息需要说明原因</source>
        <translation>Correcting details read from the ID card needs a reason</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="141"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="142"/>
        <source>社会保障卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="143"/>
        <source>证件</source>
        <translation>card</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="146"/>
        <source>请先办理居民身份证换领（换领期间可申领临时居民身份证）</source>
        <translation>Please renew your resident ID card first (a temporary ID card can be issued meanwhile)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="149"/>
        <source>请先到社保经办机构或合作银行补换社会保障卡</source>
        <translation>Please have your social security card replaced first at a social security office or a partner bank</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="151"/>
        <source>请先办理证件换领</source>
        <translation>Please renew your card first</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="153"/>
        <source>证件已于 {end} 过期：本事项可受理换领，请核对信息。</source>
        <translation>The card expired on {end}: this service renews it; please check the details.</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="157"/>
        <source>您的{doc}已过期（有效期至 {end}），「{item}」须持有效期内的证件办理。{renew}，或携带其他有效证件到窗口办理。</source>
        <translation>Your {doc} has expired (valid until {end}); “{item}” needs a valid one. {renew}, or bring another valid document to the window.</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="164"/>
        <source>您的{doc}已过期（有效期至 {end}），请尽快换领；本事项仍可申请。</source>
        <translation>Your {doc} has expired (valid until {end}); please renew it soon. You can still apply for this service.</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="167"/>
        <source>您的{doc}将于 {end} 到期，请留意及时换领。</source>
        <translation>Your {doc} expires on {end}; please remember to renew it in time.</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="35"/>
        <source>回执排版失败（{error}）</source>
        <translation>the receipt could not be laid out ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="36"/>
        <source>打印任务编号不对：{job_id}</source>
        <translation>not a print job id: {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="37"/>
        <source>没有待打印的任务 {job_id}</source>
        <translation>no such print job: {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="39"/>
        <source>打印任务 {job_id} 已过期，已删除，不再打印</source>
        <translation>print job {job_id} expired: removed, it will not be printed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="41"/>
        <source>打印任务 {job_id} 已取消</source>
        <translation>print job {job_id} was cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="44"/>
        <source>{problem}。任务已保留，可重试：yunban devices print-retry {job_id}</source>
        <translation>{problem}. The job is kept; retry with: yunban devices print-retry {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="47"/>
        <source>页面无法压缩到限定大小（{error}）</source>
        <translation>the page cannot be compressed to the size limit ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="49"/>
        <source>无法写入 PDF 文件 {path}</source>
        <translation>cannot write the PDF file {path}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="50"/>
        <source>无法读取 {path}（{error}）</source>
        <translation>cannot read {path} ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="52"/>
        <source>无法监听 127.0.0.1:{port}（{error}）</source>
        <translation>cannot listen on 127.0.0.1:{port} ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="59"/>
        <source>读卡器就绪</source>
        <translation>card reader ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="60"/>
        <source>读卡器就绪，安全模块正常</source>
        <translation>card reader ready, SAM ok</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="61"/>
        <source>PC/SC读卡器就绪：{reader}</source>
        <translation>PC/SC reader ready: {reader}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="62"/>
        <source>模拟读卡器就绪（演示证件：{card}）</source>
        <translation>simulated reader ready (demo card: {card})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="63"/>
        <source>未配置读卡器串口</source>
        <translation>no serial port configured for the GA 467 reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="65"/>
        <source>未知的读卡器驱动：{driver}（可用：{known}）</source>
        <translation>unknown card driver {driver} (known: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="67"/>
        <source>读卡器正在自动读卡，请稍后再试</source>
        <translation>the reader is busy watching for cards; try again shortly</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="68"/>
        <source>读卡器无应答，读卡超时，请检查读卡器</source>
        <translation>the reader stopped answering; the read timed out</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="69"/>
        <source>读卡已取消</source>
        <translation>reading was cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="70"/>
        <source>未检测到证件</source>
        <translation>no card on the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="73"/>
        <source>{timeout:g}秒内未检测到证件，请将证件平放在读卡区</source>
        <translation>no card was laid on the reader within {timeout:g} s</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="77"/>
        <source>{timeout:g}秒内未检测到新放置的证件；已读过的证件请拿起后重新放置</source>
        <translation>no newly laid card within {timeout:g} s; a card already read must be lifted and laid again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="79"/>
        <source>这张证件已读取，请拿起证件后重新放置</source>
        <translation>this card was already read: lift it and lay it again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="80"/>
        <source>读取过程中证件被移开，请重新放置并保持不动</source>
        <translation>the card was lifted while it was being read; lay it again and keep it still</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="83"/>
        <source>读取过程中证件被移开，请重新放置并保持不动（状态码0x{sw3:02X}）</source>
        <translation>the card was lifted while it was being read; lay it again and keep it still (status 0x{sw3:02X})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="86"/>
        <source>读取过程中卡片被移开，请重新插入并保持不动</source>
        <translation>the card was removed while it was being read; insert it again and keep it still</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="88"/>
        <source>记录不完整，证件可能被移开</source>
        <translation>record {tag} truncated; was the card lifted?</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="89"/>
        <source>读卡器故障，已停止读卡</source>
        <translation>the reader failed and stopped reading: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="90"/>
        <source>读卡器已断开（{port}），请检查连接线</source>
        <translation>the reader on {port} was disconnected; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="91"/>
        <source>PC/SC读卡器已断开</source>
        <translation>the PC/SC reader was disconnected ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="92"/>
        <source>读卡器不可用</source>
        <translation>the card reader is not available</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="93"/>
        <source>无法打开读卡器串口{port}，请检查连接</source>
        <translation>cannot open the reader&apos;s port {port}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="94"/>
        <source>PC/SC服务（pcscd）未运行，请启动pcscd服务</source>
        <translation>the PC/SC service (pcscd) is not running; start pcscd ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="95"/>
        <source>未找到PC/SC读卡器（现有：无）</source>
        <translation>no PC/SC reader (none present)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="98"/>
        <source>未找到PC/SC读卡器“{wanted}”（现有：{present}）</source>
        <translation>no PC/SC reader “{wanted}” (present: {present})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="100"/>
        <source>缺少{library}库，无法使用{driver}读卡器</source>
        <translation>the {library} library is not installed: the {driver} reader cannot be used</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="101"/>
        <source>读卡器无应答，请检查电源和连接线</source>
        <translation>the reader did not answer; check its power and cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="102"/>
        <source>读卡器应答不完整</source>
        <translation>truncated reply from the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="105"/>
        <source>读卡器应答不完整（收到{got}字节，应有{expected}字节）</source>
        <translation>truncated reply from the reader ({got} of {expected} bytes)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="107"/>
        <source>读卡器应答校验和错误，请重试</source>
        <translation>bad checksum in the reader&apos;s reply; try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="109"/>
        <source>{status}（状态码0x{sw3:02X}），请检查串口连接</source>
        <translation>{status} (status 0x{sw3:02X}); check the serial cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="113"/>
        <source>读卡器安全模块故障：{status}（状态码0x{sw3:02X}），请联系技术人员</source>
        <translation>reader SAM fault: {status} (status 0x{sw3:02X}); call a technician</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="115"/>
        <source>{status}（状态码0x{sw3:02X}）</source>
        <translation>{status} (status 0x{sw3:02X})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="116"/>
        <source>读卡器应答格式错误（帧头不符）</source>
        <translation>malformed reply from the reader (bad preamble)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="117"/>
        <source>读卡器应答过短</source>
        <translation>reply too short to hold a status</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="118"/>
        <source>命令过短</source>
        <translation>command too short</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="119"/>
        <source>读卡失败</source>
        <translation>reading the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="120"/>
        <source>不支持这种证件</source>
        <translation>this card cannot be read here</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="121"/>
        <source>不支持的证件类型“{letter}”（第248字节）</source>
        <translation>unsupported card type “{letter}” (byte 248 of the card text)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="122"/>
        <source>证件文字信息长度应为256字节，收到{length}字节</source>
        <translation>card text of {length} bytes, not 256</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="123"/>
        <source>基本信息应答过短</source>
        <translation>base message reply too short</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="124"/>
        <source>基本信息长度不符（{length}字节）</source>
        <translation>base message length mismatch ({length} bytes)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="127"/>
        <source>这张卡不是社会保障卡，或未开通公共信息应用（状态字{sw}）</source>
        <translation>not a social security card, or its public application is missing (SW {sw})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="130"/>
        <source>读取社会保障卡失败：{status}（状态字{sw}，{step}）</source>
        <translation>reading the social security card failed: {status} (SW {sw}, {step})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="132"/>
        <source>记录格式错误（应为标签{tag}）</source>
        <translation>malformed record (expected tag {tag}, got {got})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="133"/>
        <source>操作成功</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="134"/>
        <source>找卡成功</source>
        <translation>card found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="135"/>
        <source>读卡器收到的命令校验和错误</source>
        <translation>the reader received a command with a bad checksum</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="136"/>
        <source>读卡器收到的命令长度错误</source>
        <translation>the reader received a command of wrong length</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="137"/>
        <source>读卡器不支持该命令</source>
        <translation>the reader does not know this command</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="138"/>
        <source>越权操作</source>
        <translation>operation not permitted</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="139"/>
        <source>读卡器内部未知错误</source>
        <translation>unknown error inside the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="140"/>
        <source>证件认证安全模块失败</source>
        <translation>the card failed to authenticate the SAM</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="141"/>
        <source>安全模块认证证件失败</source>
        <translation>the SAM failed to authenticate the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="142"/>
        <source>信息验证失败</source>
        <translation>information verification failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="143"/>
        <source>无法识别的证件类型</source>
        <translation>unknown card type</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="144"/>
        <source>读证件操作失败</source>
        <translation>reading the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="145"/>
        <source>取随机数失败</source>
        <translation>getting a random number failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="146"/>
        <source>安全模块自检失败</source>
        <translation>the SAM self-test failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="147"/>
        <source>安全模块未经授权</source>
        <translation>the SAM is not authorised</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="148"/>
        <source>未找到证件</source>
        <translation>no card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="149"/>
        <source>选取证件失败</source>
        <translation>selecting the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="150"/>
        <source>证件中无此项内容</source>
        <translation>the card holds no such content</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="151"/>
        <source>未知状态码0x{sw3:02X}</source>
        <translation>unknown status 0x{sw3:02X}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="152"/>
        <source>所选文件已失效</source>
        <translation>selected file invalidated</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="153"/>
        <source>卡片存储器故障</source>
        <translation>card memory failure</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="154"/>
        <source>命令长度错误</source>
        <translation>wrong length</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="155"/>
        <source>安全状态不满足（需要PIN或认证）</source>
        <translation>security status not satisfied (PIN or authentication needed)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="156"/>
        <source>认证方法已锁定</source>
        <translation>authentication method blocked</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="157"/>
        <source>使用条件不满足</source>
        <translation>conditions of use not satisfied</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="158"/>
        <source>当前没有选中文件</source>
        <translation>no current file selected</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="159"/>
        <source>卡片不支持此功能</source>
        <translation>function not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="160"/>
        <source>卡片上没有这个文件或应用</source>
        <translation>file or application not found on the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="161"/>
        <source>卡片上没有这条记录</source>
        <translation>record not found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="162"/>
        <source>参数P1、P2错误</source>
        <translation>incorrect parameters P1-P2</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="163"/>
        <source>卡片不支持此指令</source>
        <translation>instruction not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="164"/>
        <source>卡片不支持此指令类别</source>
        <translation>class not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="165"/>
        <source>卡片内部错误</source>
        <translation>card internal error</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="166"/>
        <source>卡片拒绝了指令</source>
        <translation>the card refused the command</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="168"/>
        <source>未配置打印机</source>
        <translation>no printer configured (devices.printer.uri)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="169"/>
        <source>打印机地址无法识别：{uri}</source>
        <translation>printer URI not understood: {uri}; use tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600 or file:PATH</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="170"/>
        <source>缺少打印机驱动库</source>
        <translation>a printer driver library is not installed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="171"/>
        <source>缺少打印机驱动库 python-escpos</source>
        <translation>python-escpos is not installed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="172"/>
        <source>缺少 USB 驱动库 pyusb</source>
        <translation>USB printing needs pyusb (pip install pyusb)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="173"/>
        <source>打印机拒绝连接：{where}</source>
        <translation>connection refused by {where}: is it switched on?</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="174"/>
        <source>连接打印机超时：{where}</source>
        <translation>no answer from {where} (timeout)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="175"/>
        <source>无法连接打印机：{where}</source>
        <translation>cannot open {where}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="176"/>
        <source>找不到打印机设备：{where}</source>
        <translation>{where} does not exist (unplugged?)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="177"/>
        <source>未找到 USB 打印机：{where}</source>
        <translation>no USB device {where} (unplugged?)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="178"/>
        <source>没有权限访问打印机：{where}</source>
        <translation>permission denied on {where}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="179"/>
        <source>打印数据发送失败，回执未打印完整，请重试</source>
        <translation>sending to {where} failed ({error}); the receipt is incomplete, try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="182"/>
        <source>打印过程中与打印机的连接中断，回执可能未打印，请重试</source>
        <translation>the printer stopped answering during the job; the receipt may not be printed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="184"/>
        <source>打印机缺纸，请装纸后重试</source>
        <translation>the printer is out of paper; load paper and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="185"/>
        <source>打印机纸仓盖未关好</source>
        <translation>the printer&apos;s cover is open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="186"/>
        <source>打印机处于离线状态</source>
        <translation>the printer is offline</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="189"/>
        <source>打印中途缺纸，回执可能不完整，请装纸后重新打印</source>
        <translation>paper ran out during the job; the receipt may be incomplete: load paper and print it again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="193"/>
        <source>打印机型号配置有误：没有“{profile}”这个型号（可用：{known}）</source>
        <translation>unknown printer profile “{profile}” (ours: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="197"/>
        <source>打印机型号配置有误：“{profile}”没有说明纸宽，请用：{known}</source>
        <translation>printer profile “{profile}” does not state its paper width; use one of ours: {known}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="201"/>
        <source>光栅打印需要中文字体（Debian：fonts-noto-cjk 或 fonts-wqy-microhei）</source>
        <translation>raster printing needs a CJK font (Debian: fonts-noto-cjk or fonts-wqy-microhei)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="203"/>
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="204"/>
        <source>纸将用完，请准备换纸</source>
        <translation>paper near end: have a new roll ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="205"/>
        <source>缺纸</source>
        <translation>paper out</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="206"/>
        <source>纸仓盖打开</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="207"/>
        <source>离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="208"/>
        <source>此连接方式无法读取状态</source>
        <translation>status not available over this transport</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="209"/>
        <source>打印失败</source>
        <translation>printing failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="212"/>
        <source>扫描仪驱动配置有误：{driver}（可用：{known}）</source>
        <translation>unknown scanner driver {driver} (devices.scanner.driver: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="214"/>
        <source>请指定要导入的文件（--device PATH）</source>
        <translation>name the file to import (--device PATH)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="215"/>
        <source>从文件导入</source>
        <translation>import from files</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="216"/>
        <source>文件可读取</source>
        <translation>file present</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="217"/>
        <source>文件不存在：{file}</source>
        <translation>file not found: {file}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="218"/>
        <source>扫描仪就绪：{vendor} {model}</source>
        <translation>scanner ready: {vendor} {model}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="219"/>
        <source>未发现扫描仪</source>
        <translation>no scanner found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="220"/>
        <source>找不到扫描仪 {device}</source>
        <translation>scanner {device} not found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="221"/>
        <source>未发现扫描设备</source>
        <translation>no scanning device found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="222"/>
        <source>缺少扫描仪驱动库</source>
        <translation>a scanner library is not installed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="223"/>
        <source>缺少扫描仪驱动库 python-sane</source>
        <translation>python-sane is not installed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="224"/>
        <source>缺少 PDF 组件 QtPdf</source>
        <translation>QtPdf is not available: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="225"/>
        <source>缺少 QtMultimedia</source>
        <translation>QtMultimedia is not available</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="226"/>
        <source>扫描仪进纸器卡纸，请取出卡住的纸张后重试</source>
        <translation>document feeder jammed: take out the stuck sheet and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="227"/>
        <source>进纸器中没有文件，请放入材料后重试</source>
        <translation>the document feeder is empty: put the papers in and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="228"/>
        <source>扫描仪盖板未合上</source>
        <translation>the scanner&apos;s cover is open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="229"/>
        <source>扫描仪正忙，请稍后重试</source>
        <translation>the scanner is busy; try again shortly</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="230"/>
        <source>扫描仪通信出错，请检查连接线</source>
        <translation>I/O error talking to the scanner; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="231"/>
        <source>没有权限访问扫描仪</source>
        <translation>access to the scanner denied</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="232"/>
        <source>扫描已取消</source>
        <translation>scan cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="233"/>
        <source>扫描仪不支持该操作</source>
        <translation>operation not supported by the scanner</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="234"/>
        <source>扫描参数无效</source>
        <translation>invalid scan settings</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="235"/>
        <source>内存不足，无法完成扫描</source>
        <translation>out of memory: the scan could not be finished</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="236"/>
        <source>扫描失败：{error}</source>
        <translation>scan failed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="237"/>
        <source>扫描失败</source>
        <translation>scan failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="240"/>
        <source>扫描仪无响应，请检查扫描仪后重试；如仍无响应请重启终端</source>
        <translation>the scanner stopped responding; check it and retry, or restart the terminal</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="242"/>
        <source>该扫描仪没有自动进纸器</source>
        <translation>this scanner has no document feeder</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="243"/>
        <source>{problem}（已扫描 {pages} 页）</source>
        <translation>{problem} (after {pages} page(s))</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="244"/>
        <source>扫描仪设置失败：{error}</source>
        <translation>setting up the scanner failed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="245"/>
        <source>文件无法读取：{file}（{why}）</source>
        <translation>cannot read {file}: {why}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="248"/>
        <source>文件页数过多：{file} 有 {pages} 页，最多 {limit} 页</source>
        <translation>{file} has {pages} pages; at most {limit}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="250"/>
        <source>高拍仪没有响应</source>
        <translation>the document camera did not answer</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="251"/>
        <source>高拍仪正被其他程序占用，请稍后重试</source>
        <translation>the camera is busy (in use by another program): {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="252"/>
        <source>没有权限使用高拍仪</source>
        <translation>access to the camera was denied: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="253"/>
        <source>高拍仪出错：{error}</source>
        <translation>camera error: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="254"/>
        <source>未连接高拍仪</source>
        <translation>no document camera found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="255"/>
        <source>高拍仪已连接：{name}</source>
        <translation>document camera present: {name}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="256"/>
        <source>模拟高拍仪，非真实设备</source>
        <translation>simulated document camera, no real device</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="258"/>
        <source>模拟高拍仪的图片不存在：{path}</source>
        <translation>simulated camera picture not found: {path}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="260"/>
        <source>图片无法读取：{path}</source>
        <translation>cannot read the picture {path}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="261"/>
        <source>高拍仪没有画面，请检查连接线</source>
        <translation>no picture from the document camera; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="262"/>
        <source>画面一直在动，请放稳材料后重试</source>
        <translation>the picture never settled; lay the document down and keep hands clear</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="263"/>
        <source>没有识别到二维码，请将回执二维码放在高拍仪下</source>
        <translation>no QR code recognised; lay the receipt&apos;s QR code under the camera</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="264"/>
        <source>未配置高拍仪，无法扫描二维码</source>
        <translation>no document camera configured: QR codes cannot be scanned</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="266"/>
        <source>设备故障（{key}）</source>
        <translation>device fault ({key})</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="12"/>
        <source>目录数据库不可用：{error}</source>
        <translation>catalog database unavailable: {error}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="13"/>
        <source>目录数据库不存在：{path}</source>
        <translation>catalog database {path} does not exist</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="16"/>
        <source>目录数据库损坏或无法打开（{error}），请用 `yunban catalog import` 重新导入</source>
        <translation>catalog database damaged or cannot be opened ({error}); re-import with `yunban catalog import`</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="18"/>
        <source>目录为空（尚未导入目录）</source>
        <translation>the catalog is empty (it has not been imported)</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="19"/>
        <source>目录为空：{path} 中没有目录</source>
        <translation>the catalog is empty: {path} holds no catalog</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="22"/>
        <source>没有这个事项：{code}</source>
        <translation>no item with code {code}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="23"/>
        <source>未知的主题：{code}</source>
        <translation>unknown theme: {code}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="24"/>
        <source>未知的行政区划代码：{code}</source>
        <translation>unknown division code: {code}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="27"/>
        <source>终端的行政区划代码 {code} 不在区划表中（config.toml 中的 terminal.division_code）</source>
        <translation>the terminal&apos;s division code {code} is not in the division tree (terminal.division_code in config.toml)</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="32"/>
        <source>catalog.scope 应为 chain 或 subtree，现为 {scope}</source>
        <translation>catalog.scope must be chain or subtree, got {scope}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="36"/>
        <source>catalog.subtree_root 中的行政区划代码 {code} 不在区划表中</source>
        <translation>the division code {code} in catalog.subtree_root is not in the division tree</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="41"/>
        <source>目录包被拒绝（{count} 个问题）：
  {problems}</source>
        <translation>catalog bundle refused ({count} problem(s)):
  {problems}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="45"/>
        <source>目录包被拒绝（{count} 个问题，以下是前 {shown} 个）：
  {problems}</source>
        <translation>catalog bundle refused ({count} problems, the first {shown} below):
  {problems}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="50"/>
        <source>{source}：不是有效的 YAML（{error}）</source>
        <translation>{source}: not valid YAML ({error})</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="54"/>
        <source>{source}：应为包含 holidays 和 workdays 的映射</source>
        <translation>{source}: must be a mapping with holidays and workdays</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="57"/>
        <source>{source}：未知的键 {key}</source>
        <translation>{source}: unknown key {key}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="59"/>
        <source>{source}：{key} 应为日期列表</source>
        <translation>{source}: {key} must be a list of dates</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="61"/>
        <source>{source}：{key} 中的 {value} 不是 YYYY-MM-DD 日期</source>
        <translation>{source}: {value} in {key} is not a YYYY-MM-DD date</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="63"/>
        <source>{source}：{day} 同时是休息日和工作日</source>
        <translation>{source}: {day} is both a holiday and a working day</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="66"/>
        <source>目录更新被拒绝：{reason}</source>
        <translation>catalog update refused: {reason}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="67"/>
        <source>尚未应用目录快照：变更页需要先有一份快照</source>
        <translation>no catalog snapshot applied yet: a change page needs one first</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="70"/>
        <source>--platform-key 不是 base64 编码的 Ed25519 公钥：{error}</source>
        <translation>--platform-key is not a base64 Ed25519 public key: {error}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="74"/>
        <source>本终端尚未注册：yunban enroll --platform URL --code CODE</source>
        <translation>not enrolled: yunban enroll --platform URL --code CODE</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="80"/>
        <source>目录数据库 {path} 为空或缺失：本终端已注册，不会用演示目录代替。请技术人员运行 yunban catalog update 从平台获取目录</source>
        <translation>The catalog database {path} is empty or missing: this terminal is enrolled, so the demo catalog is not used in its place. A technician should run yunban catalog update to fetch the catalog from the platform</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="86"/>
        <source>磁盘空间不足，目录数据库无法打开或写入：{error}</source>
        <translation>Disk full: the catalog database cannot be opened or written: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="19"/>
        <source>没有找到相关事项</source>
        <translation>no matching items</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="21"/>
        <source>已导入 {source}：{items} 个事项，{implementations} 条实施清单</source>
        <translation>imported {source}: {items} items, {implementations} implementations</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="25"/>
        <source>{pages} 页，{changes} 项变更；目录版本 {version}，游标 {cursor}</source>
        <translation>{pages} page(s), {changes} change(s); catalog version {version}, cursor {cursor}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="29"/>
        <source>已应用快照，{pages} 页，{changes} 项变更；目录版本 {version}，游标 {cursor}</source>
        <translation>snapshot applied, {pages} page(s), {changes} change(s); catalog version {version}, cursor {cursor}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="32"/>
        <source>{name} 为空：请给出{what}</source>
        <translation>{name} is empty: give {what}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="33"/>
        <source>事项编码（yunban catalog search 可查）</source>
        <translation>an item code (yunban catalog search finds it)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="34"/>
        <source>记录 id 或 25 位受理编号</source>
        <translation>a record id or a 25-character receipt number</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="36"/>
        <source>被隔离记录的 id（yunban sync quarantine 可查）</source>
        <translation>the id of a quarantined record (yunban sync quarantine lists them)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="38"/>
        <source>{option} 应在 1 到 {high} 之间</source>
        <translation>{option} must be between 1 and {high}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="40"/>
        <source>检索词为空：请给出事项名称、拼音（shenfenzheng）或首字母（sfz）</source>
        <translation>empty query: give an item name, its pinyin (shenfenzheng) or initials (sfz)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="44"/>
        <source>有效</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="45"/>
        <source>无效</source>
        <translation>invalid</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="46"/>
        <source>{value}: {verdict}（{reason}）</source>
        <translation>{value}: {verdict} ({reason})</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="49"/>
        <source>受理编号应为 25 位：12 位区划 + 2 位终端 + 6 位日期 + 4 位序号 + 校验位</source>
        <translation>a receipt number has 25 characters: 12-digit division + 2-digit terminal + 6-digit date + 4-digit sequence + check character</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="51"/>
        <source>日期、序号或校验位不对，请核对受理编号</source>
        <translation>the date, sequence or check character is wrong; check the receipt number</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="54"/>
        <source>受理编号应为 25 位，现为 {n} 位（12 位区划 + 2 位终端 + 6 位日期 + 4 位序号 + 校验位）</source>
        <translation>a receipt number has 25 characters, this one has {n} (12 division + 2 terminal + 6 date + 4 sequence + check character)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="60"/>
        <source>第 {position} 位“{char}”不是数字（只有第 25 位校验位可以是 X）</source>
        <translation>character {position} &quot;{char}&quot; is not a digit (only the check character, the 25th, may be X)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="63"/>
        <source>第 13–14 位终端号 00 无效（终端号从 01 起）</source>
        <translation>characters 13–14: terminal number 00 is not valid (terminal numbers start at 01)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="66"/>
        <source>第 15–20 位日期 {date} 不是真实的日期（年月日 YYMMDD）</source>
        <translation>characters 15–20: {date} is not a real date (YYMMDD)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="69"/>
        <source>第 21–24 位序号 0000 无效（序号从 0001 起）</source>
        <translation>characters 21–24: sequence 0000 is not valid (sequences start at 0001)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="73"/>
        <source>第 25 位校验位是 {found}，按前 24 位应为 {expected}：某一位抄错了，请逐位核对</source>
        <translation>the check character (25th) is {found}, but the first 24 characters give {expected}: one character was copied wrong, check each one</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="79"/>
        <source>需要 --code（在平台上用 `yunban platform enroll-code` 获取）</source>
        <translation>--code is required (get one with `yunban platform enroll-code` on the platform)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="81"/>
        <source>本终端尚未注册</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="83"/>
        <source>终端 {terminal}（{division}）已在 {platform} 注册</source>
        <translation>terminal {terminal} ({division}) enrolled with {platform}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="85"/>
        <source>已注册：终端 {terminal}，行政区划 {division}</source>
        <translation>enrolled: terminal {terminal}, division {division}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="87"/>
        <source>平台 {platform}，已固定平台公钥 {key}</source>
        <translation>platform {platform}, key pinned {key}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="89"/>
        <source>凭据保存在 {backend} 密钥库中</source>
        <translation>credentials kept in the {backend} keystore</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="92"/>
        <source>注意：注册码是为行政区划 {issued} 签发的，但 terminal.division_code 是 {configured}，请检查 config.toml</source>
        <translation>note: the code was issued for division {issued} but terminal.division_code is {configured}; check config.toml</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="99"/>
        <source>注意：同步和目录更新使用 platform.url = {configured}；如果本终端应与 {platform} 通信，请在 config.toml 或 $YUNBAN_PLATFORM_URL 中改为该地址</source>
        <translation>note: sync and catalog updates use platform.url = {configured}; set it (config.toml or $YUNBAN_PLATFORM_URL) to {platform} if this terminal should talk to it</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="107"/>
        <source>--count 应在 1 到 100000 之间</source>
        <translation>--count must be between 1 and 100000</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="109"/>
        <source>--attachment-kb 应在 0 到 102400 之间</source>
        <translation>--attachment-kb must be between 0 and 102400</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="112"/>
        <source>已生成 {count} 条测试记录（seq {first}–{last}）</source>
        <translation>{count} test records written (seq {first}–{last})</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="114"/>
        <source>没有这条记录：{key}</source>
        <translation>no record {key}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="117"/>
        <source>已删除过期草稿 {drafts} 份、无引用附件 {blobs} 个，余草稿 {left} 份</source>
        <translation>{drafts} expired drafts and {blobs} unreferenced attachments removed, {left} drafts left</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="121"/>
        <source>{option} 文件过大：{path}</source>
        <translation>{option}: {path} is too large</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="123"/>
        <source>无法读取 {option} 文件 {path}：{error}</source>
        <translation>cannot read {option} {path}: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="126"/>
        <source>{option} 文件 {path} 不是有效的 JSON：{error}</source>
        <translation>{option}: {path} is not valid JSON: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="128"/>
        <source>--data 应为 JSON 对象（字段 id → 值）</source>
        <translation>--data must be a JSON object (field id → value)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="129"/>
        <source>--card-json 应为 JSON 对象</source>
        <translation>--card-json must be a JSON object</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="130"/>
        <source>--attach 应为 SLOT=FILE，现为 {spec}</source>
        <translation>--attach must be SLOT=FILE, got {spec}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="131"/>
        <source>注意：{warning}</source>
        <translation>note: {warning}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="132"/>
        <source>缺少这份必需的材料</source>
        <translation>this required material is missing</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="133"/>
        <source>表单没有这个字段</source>
        <translation>the form has no such field</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="134"/>
        <source>这个事项没有这个材料</source>
        <translation>the item has no such material slot</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="135"/>
        <source>表单的字段：{fields}</source>
        <translation>the form&apos;s fields: {fields}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="136"/>
        <source>材料（--attach SLOT=FILE）：{slots}</source>
        <translation>materials (--attach SLOT=FILE): {slots}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="137"/>
        <source>各字段的类型和选项：yunban catalog show {item}</source>
        <translation>each field&apos;s type and options: yunban catalog show {item}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="138"/>
        <source>应为{what}</source>
        <translation>expected: {what}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="139"/>
        <source>文本（JSON 字符串）</source>
        <translation>text (a JSON string)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="140"/>
        <source>日期字符串 YYYY-MM-DD</source>
        <translation>a date string YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="141"/>
        <source>其中一个：{options}</source>
        <translation>one of {options}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="142"/>
        <source>列表，取自：{options}</source>
        <translation>a list of values from {options}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="143"/>
        <source>true 或 false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="144"/>
        <source>数字</source>
        <translation>a number</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="145"/>
        <source>材料页面，用 --attach SLOT=FILE 给出</source>
        <translation>material pages, given with --attach SLOT=FILE</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="146"/>
        <source>受理编号：{receipt}</source>
        <translation>receipt number: {receipt}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="147"/>
        <source>承诺办结日期：{due}</source>
        <translation>due date: {due}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="149"/>
        <source>记录 id：{record}  外发队列：{outbox}</source>
        <translation>record id: {record}  outbox: {outbox}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="153"/>
        <source>{option} 应为正数</source>
        <translation>{option} must be positive</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="155"/>
        <source>本终端尚未注册，请先运行 `yunban enroll`</source>
        <translation>this terminal is not enrolled: run `yunban enroll` first</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="159"/>
        <source>已送达 {delivered}（重复吸收 {duplicates}），隔离 {quarantined}，失败重试 {failures}，待发 {pending}，状态更新 {status_changes}</source>
        <translation>delivered {delivered} (duplicates {duplicates}), quarantined {quarantined}, failures {failures}, pending {pending}, status updates {status_changes}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="165"/>
        <source>最近错误：{error}</source>
        <translation>last error: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="167"/>
        <source>重试后已全部送达；其间的错误：{error}</source>
        <translation>all delivered after retrying; the error on the way: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="169"/>
        <source>没有隔离的记录</source>
        <translation>nothing quarantined</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="170"/>
        <source>{record} 不是被隔离的记录</source>
        <translation>{record} is not a quarantined record</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="171"/>
        <source>已重新排队：{record}</source>
        <translation>requeued {record}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="172"/>
        <source>{url}：可达，时钟偏差 {offset} 秒</source>
        <translation>{url}: reachable, clock offset {offset} s</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="173"/>
        <source>{url}：不可达</source>
        <translation>{url}: unreachable</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="176"/>
        <source>密钥库中没有导出口令：yunban sync export-passphrase --from-file FILE</source>
        <translation>the keystore holds no export passphrase: yunban sync export-passphrase --from-file FILE</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="178"/>
        <source>无法读取 {path}：{error}</source>
        <translation>cannot read {path}: {error}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="179"/>
        <source>导出口令：</source>
        <translation>export passphrase:</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="180"/>
        <source>再输一次：</source>
        <translation>again:</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="181"/>
        <source>两次输入的口令不一致</source>
        <translation>the passphrases differ</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="183"/>
        <source>需要导出口令：--passphrase-file FILE 或 ${env}</source>
        <translation>an export passphrase is needed: --passphrase-file FILE or ${env}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="186"/>
        <source>已导出 {records} 条记录、{attachments} 个附件 → {path}</source>
        <translation>exported {records} records, {attachments} attachments → {path}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="188"/>
        <source>导出口令已存入 {backend} 密钥库</source>
        <translation>export passphrase stored in the {backend} keystore</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="194"/>
        <source>{home} 已注册到平台 {platform}（终端 {terminal}），演示不会改动它：请用 yunban kiosk 启动，或换一个 --home</source>
        <translation>{home} is enrolled with the platform {platform} (terminal {terminal}); the demo will not touch it: start it with yunban kiosk, or run the demo with another --home</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="201"/>
        <source>OK    {step}：{detail}</source>
        <translation>OK    {step}: {detail}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="202"/>
        <source>FAIL  {step}：{detail}</source>
        <translation>FAIL  {step}: {detail}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="205"/>
        <source>没有要做的事：请给出 --division、--platform/--code 或 --technician-pin</source>
        <translation>Nothing to do: give --division, --platform/--code or --technician-pin</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="210"/>
        <source>密钥库不可用（{cause}）</source>
        <translation>keyring unavailable ({cause})</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="211"/>
        <source>没有 D-Bus 会话</source>
        <translation>no D-Bus session</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="213"/>
        <source>会话中没有 Secret Service</source>
        <translation>no Secret Service in the session</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="216"/>
        <source>没有 D-Bus 会话，也没有预置口令</source>
        <translation>no D-Bus session and no passphrase provisioned</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="218"/>
        <source>密钥环已锁定或没有应答</source>
        <translation>the keyring is locked or does not answer</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="219"/>
        <source>口令与密钥库文件不符</source>
        <translation>the passphrase does not open the keystore file</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="220"/>
        <source>请运行</source>
        <translation>run</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="223"/>
        <source>请在自助终端的桌面会话中运行（Secret Service 在那里），或在 config.toml 中设 keyring.backend = &quot;file&quot;</source>
        <translation>run inside the kiosk&apos;s desktop session (where the Secret Service is), or set keyring.backend = &quot;file&quot; in config.toml</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="230"/>
        <source>请在会话启动时解锁默认密钥环（gnome-keyring-daemon --unlock）</source>
        <translation>unlock the default keyring when the session starts (gnome-keyring-daemon --unlock)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="234"/>
        <source>请把 YUNBAN_KEYRING_PASSPHRASE 设为创建 {path} 时所用的口令</source>
        <translation>set YUNBAN_KEYRING_PASSPHRASE to the passphrase {path} was created with</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="246"/>
        <source>未注册</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="249"/>
        <source>注册：yunban provision --platform URL --code CODE（或 yunban enroll）</source>
        <translation>to enroll: yunban provision --platform URL --code CODE (or yunban enroll)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="253"/>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="254"/>
        <source>{n} 小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="255"/>
        <source>{n} 天</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="257"/>
        <source>改正 config.toml 中指出的那一项（docs/cli.md）</source>
        <translation>correct the setting named in config.toml (docs/cli.md)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="259"/>
        <source>查看 &lt;home&gt;/logs/ 中的日志</source>
        <translation>read the log in &lt;home&gt;/logs/</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="261"/>
        <source>yunban provision --platform URL --code CODE</source>
        <translation>yunban provision --platform URL --code CODE</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="263"/>
        <source>时区 {zone}，本机时间 {now}</source>
        <translation>time zone {zone}, local time {now}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="265"/>
        <source>时区 {zone}，本机时间 {now}，与平台时钟相差 {offset} 秒</source>
        <translation>time zone {zone}, local time {now}, {offset} s from the platform&apos;s clock</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="269"/>
        <source>时区 {zone}，本机时间 {now}，与平台时钟的偏差未知（平台不可达）</source>
        <translation>time zone {zone}, local time {now}, offset from the platform&apos;s clock unknown (platform unreachable)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="273"/>
        <source>检查网线和 config.toml 中的 platform.url，然后 yunban sync probe</source>
        <translation>check the network cable and platform.url in config.toml, then yunban sync probe</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="276"/>
        <source>校准本机时钟：timedatectl set-ntp true</source>
        <translation>set the clock right: timedatectl set-ntp true</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="280"/>
        <source>检查连线和 config.toml 的 [{kind}] 一节，然后 yunban devices list</source>
        <translation>check the cable and the [{kind}] section of config.toml, then yunban devices list</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="282"/>
        <source>{path}：可用 {free}，共 {total}</source>
        <translation>{path}: {free} free of {total}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="285"/>
        <source>腾出磁盘空间（yunban records purge-drafts；清理 /var/log）</source>
        <translation>free disk space (yunban records purge-drafts; clean /var/log)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="288"/>
        <source>目录 {bundle} 版本 {version}，{age}前导入</source>
        <translation>catalog {bundle} version {version}, imported {age} ago</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="290"/>
        <source>（演示数据）</source>
        <translation> (demo data)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="291"/>
        <source>yunban catalog update</source>
        <translation>yunban catalog update</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="292"/>
        <source>外发队列为空</source>
        <translation>the outbox is empty</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="295"/>
        <source>待发 {records} 条（附件 {size}）；最早一条 {oldest}，{at} 生成，已等待 {age}</source>
        <translation>{records} pending ({size} of attachments); the oldest, {oldest}, made {at}, has waited {age}</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="298"/>
        <source>yunban sync run --until-idle（或 yunban sync export DIR）</source>
        <translation>yunban sync run --until-idle (or yunban sync export DIR)</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="300"/>
        <source>{n} 条记录被隔离</source>
        <translation>{n} record(s) quarantined</translation>
    </message>
    <message>
        <location filename="../cli/messages.py" line="302"/>
        <source>yunban sync quarantine，改正后 yunban sync requeue ID</source>
        <translation>yunban sync quarantine, then after the fix yunban sync requeue ID</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="14"/>
        <source>行政区划代码 {code} 不存在（须为区划表中的 12 位代码）</source>
        <translation>Division code {code} does not exist (it must be a 12-digit code of the division table)</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="18"/>
        <source>--platform 需与 --code 一起使用（用一次性注册码注册后才保存平台地址）</source>
        <translation>--platform needs --code (the platform URL is saved only after enrolling with a one-time code)</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="21"/>
        <source>无法更新配置文件 {path}（{key}）：{error}</source>
        <translation>Cannot update the configuration file {path} ({key}): {error}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="13"/>
        <source>表单定义：{problem}</source>
        <translation>form definition: {problem}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="14"/>
        <source>表单字段 &apos;{field}&apos;：{problem}</source>
        <translation>form field &apos;{field}&apos;: {problem}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="16"/>
        <source>应为包含 version 和 fields 的映射</source>
        <translation>must be a mapping with version and fields</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="17"/>
        <source>未知的键 &apos;{key}&apos;</source>
        <translation>unknown key &apos;{key}&apos;</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="18"/>
        <source>version 应为正整数</source>
        <translation>version must be a positive integer</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="19"/>
        <source>fields 应为非空列表</source>
        <translation>fields must be a non-empty list</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="20"/>
        <source>第 {n} 个字段应为映射</source>
        <translation>field #{n} must be a mapping</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="23"/>
        <source>第 {n} 个字段的 id {id} 无效（字母开头，字母、数字、下划线，最长 64）</source>
        <translation>field #{n} has an invalid id {id} (a letter, then letters, digits, underscores; ≤ 64)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="25"/>
        <source>字段 id 重复</source>
        <translation>duplicate field id</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="26"/>
        <source>未知的字段类型 &apos;{type}&apos;（可用：{known}）</source>
        <translation>unknown field type &apos;{type}&apos; (known: {known})</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="27"/>
        <source>缺少 {key}</source>
        <translation>{key} is missing</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="28"/>
        <source>{key} 应为非空文字</source>
        <translation>{key} must be non-empty text</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="29"/>
        <source>required 应为 true 或 false</source>
        <translation>required must be true or false</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="31"/>
        <source>材料字段缺少 material（本事项的材料 id）</source>
        <translation>a material field needs a material id (material)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="34"/>
        <source>material &apos;{material}&apos; 不是本事项的材料</source>
        <translation>material &apos;{material}&apos; is not a material of this item</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="37"/>
        <source>只有材料字段可以有 material</source>
        <translation>only a material field may have material</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="39"/>
        <source>validation 应为映射</source>
        <translation>validation must be a mapping</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="41"/>
        <source>validation 中有未知的键 &apos;{key}&apos;</source>
        <translation>unknown validation key &apos;{key}&apos;</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="44"/>
        <source>validation.{key} 应为日期（YYYY-MM-DD 或 today）</source>
        <translation>validation.{key} must be a date (YYYY-MM-DD or today)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="47"/>
        <source>validation.{key} 应为数字</source>
        <translation>validation.{key} must be a number</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="49"/>
        <source>validation.regex 应为文字</source>
        <translation>validation.regex must be text</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="50"/>
        <source>正则表达式无效：{error}</source>
        <translation>invalid regex: {error}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="51"/>
        <source>{type} 类型的字段不能用 regex</source>
        <translation>a {type} field cannot use regex</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="52"/>
        <source>{type} 类型的字段不能用 min/max</source>
        <translation>a {type} field cannot use min/max</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="53"/>
        <source>validation.min 大于 max</source>
        <translation>validation.min is greater than max</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="55"/>
        <source>validation.max_length 应为 1 到 {ceiling} 之间的整数</source>
        <translation>validation.max_length must be an integer from 1 to {ceiling}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="58"/>
        <source>未知的校验器 &apos;{validator}&apos;（可用：{known}）</source>
        <translation>unknown validator &apos;{validator}&apos; (known: {known})</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="61"/>
        <source>{type} 类型的字段不能用校验器</source>
        <translation>a {type} field cannot use a validator</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="64"/>
        <source>validation.integer 应为 true 或 false</source>
        <translation>validation.integer must be true or false</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="67"/>
        <source>{type} 类型的字段不能用 validation.integer</source>
        <translation>a {type} field cannot use validation.integer</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="70"/>
        <source>{key} 应为 {{field, equals}} 或 {{field, in}}</source>
        <translation>{key} must be {{field, equals}} or {{field, in}}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="73"/>
        <source>{key} 中有未知的键 &apos;{extra}&apos;</source>
        <translation>unknown key &apos;{extra}&apos; in {key}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="75"/>
        <source>{key} 需要 equals 或 in 二者之一</source>
        <translation>{key} needs exactly one of equals and in</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="76"/>
        <source>{key}.in 应为非空列表</source>
        <translation>{key}.in must be a non-empty list</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="77"/>
        <source>{key} 引用了字段自身</source>
        <translation>{key} names the field itself</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="79"/>
        <source>{key} 引用了不存在的字段 &apos;{target}&apos;</source>
        <translation>{key} names a missing field &apos;{target}&apos;</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="82"/>
        <source>{key} 不能依据 {type} 字段 &apos;{target}&apos;</source>
        <translation>{key} cannot depend on the {type} field &apos;{target}&apos;</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="84"/>
        <source>show_if 条件形成了循环</source>
        <translation>show_if conditions form a cycle</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="86"/>
        <source>{type} 类型的字段不能有 options</source>
        <translation>a {type} field cannot have options</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="88"/>
        <source>选择题需要至少一个选项（options）</source>
        <translation>a choice field needs at least one option (options)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="89"/>
        <source>每个选项需要 value 和 label</source>
        <translation>every option needs value and label</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="90"/>
        <source>选项的 value 应为文字或整数</source>
        <translation>an option value must be text or an integer</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="91"/>
        <source>选项值 &apos;{value}&apos; 重复</source>
        <translation>duplicate option value &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="92"/>
        <source>prefill 应为文字</source>
        <translation>prefill must be text</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="95"/>
        <source>未知的预填来源 &apos;{source}&apos;（可用：card.&lt;读卡字段&gt;、terminal.division、session.&lt;字段id&gt;）</source>
        <translation>unknown prefill source &apos;{source}&apos; (card.&lt;read-card key&gt;, terminal.division, session.&lt;field id&gt;)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="101"/>
        <source>请填写此项</source>
        <translation>This must be filled in</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="102"/>
        <source>请选择此项</source>
        <translation>Please choose an answer</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="103"/>
        <source>请提供此材料</source>
        <translation>Please provide this material</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="104"/>
        <source>请在框内签名</source>
        <translation>Please sign in the box</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="106"/>
        <source>内容太长：此项最多 {cap:,} 个字，现在有 {length:,} 个字</source>
        <translation>Too long: at most {cap:,} characters, this has {length:,}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="108"/>
        <source>答案的格式不对，请重新填写</source>
        <translation>This answer has the wrong form; fill it in again</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="109"/>
        <source>请填写数字</source>
        <translation>Enter a number</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="110"/>
        <source>请填写金额（元），例如 1250.50</source>
        <translation>Enter an amount in yuan, e.g. 1250.50</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="111"/>
        <source>金额最多精确到分（两位小数）</source>
        <translation>At most two decimal places (fen)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="112"/>
        <source>金额不能是负数</source>
        <translation>The amount cannot be negative</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="113"/>
        <source>不能小于 {bound}</source>
        <translation>Must be at least {bound}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="114"/>
        <source>不能大于 {bound}</source>
        <translation>Must be at most {bound}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="115"/>
        <source>请选择完整、真实的日期（年-月-日）</source>
        <translation>Choose a complete, real date (year-month-day)</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="116"/>
        <source>日期不能早于 {date}</source>
        <translation>The date cannot be before {date}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="117"/>
        <source>日期不能晚于 {date}</source>
        <translation>The date cannot be after {date}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="118"/>
        <source>请选择“是”或“否”</source>
        <translation>Choose yes or no</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="119"/>
        <source>请从选项中选择</source>
        <translation>Choose from the options</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="120"/>
        <source>请选择行政区划</source>
        <translation>Choose a division</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="121"/>
        <source>签名无效，请重新签名</source>
        <translation>The signature is not valid; please sign again</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="122"/>
        <source>材料页面有误，请重新扫描</source>
        <translation>The material pages are wrong; scan again</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="123"/>
        <source>格式不正确</source>
        <translation>The format is not right</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="124"/>
        <source>格式不正确：{hint}</source>
        <translation>The format is not right: {hint}</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="126"/>
        <source>请填写11位手机号码，或带区号的固定电话，例如 0873-7652301</source>
        <translation>enter an 11-digit mobile number or a landline with its area code, e.g. 0873-7652301</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="128"/>
        <source>身份号码无效</source>
        <translation>invalid ID number</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="129"/>
        <source>请填写整数</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="131"/>
        <source>含有不可见的控制字符或文字方向符号，请重新填写</source>
        <translation>Contains invisible control or text-direction characters; please enter it again</translation>
    </message>
    <message>
        <location filename="../forms/messages.py" line="133"/>
        <source>统一社会信用代码无效</source>
        <translation>invalid code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="13"/>
        <source>请输入18位身份号码</source>
        <translation>enter the 18-character identity number</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="16"/>
        <source>这是15位的第一代身份证号码，请使用第二代身份证上的18位号码</source>
        <translation>this is a 15-digit first-generation number; use the 18-character number of the current card</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="18"/>
        <source>身份号码应为18位，现为{length}位</source>
        <translation>an identity number has 18 characters, this one has {length}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="20"/>
        <source>前17位应全为数字，第{position}位是“{char}”</source>
        <translation>the first 17 characters must be digits; character {position} is &apos;{char}&apos;</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="22"/>
        <source>第18位应为数字或X，现为“{char}”</source>
        <translation>character 18 must be a digit or X, not &apos;{char}&apos;</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="24"/>
        <source>第2至3位“{code}”不是有效的省级受理地代码</source>
        <translation>characters 2-3 (&apos;{code}&apos;) are not a valid province code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="27"/>
        <source>居住证号码的前6位应为{prefix}0000</source>
        <translation>a residence permit number starts with {prefix}0000</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="30"/>
        <source>前2位“{code}”不是有效的省级行政区划代码，请核对号码</source>
        <translation>the first two digits (&apos;{code}&apos;) are not a valid province code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="33"/>
        <source>第7至14位的出生日期“{date}”不是有效日期</source>
        <translation>characters 7-14 hold the birth date &apos;{date}&apos;, which is not a real date</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="36"/>
        <source>出生日期“{date}”晚于今天，请核对号码</source>
        <translation>birth date &apos;{date}&apos; is in the future</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="40"/>
        <source>出生日期“{date}”早于本机设定的下限{bound}（{why}），请核对号码</source>
        <translation>The birth date {date} is before this terminal&apos;s configured bound {bound} ({why}); please check the number</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="44"/>
        <source>这是15位的第一代身份证号码，对应的18位号码为{converted}，请核对后使用18位号码</source>
        <translation>This is a 15-digit first-generation ID number; its 18-digit number is {converted}. Please check it and use the 18-digit number</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="48"/>
        <source>前6位地址码“{code}”既不是现行的也不是1980年以来用过的行政区划代码，请核对号码</source>
        <translation>The address code {code} (characters 1-6) is neither a current division code nor any code since 1980; please check the number</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="52"/>
        <source>第{start}至{end}位国籍代码“{code}”不在ISO 3166-1国家代码表中</source>
        <translation>The nationality code &apos;{code}&apos; (characters {start}-{end}) is not an ISO 3166-1 country code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="56"/>
        <source>15位外国人永久居留证号码应为3位字母国籍代码加12位数字，第{position}位是“{char}”</source>
        <translation>A 15-character foreign permanent resident number is a 3-letter nationality code and 12 digits; character {position} is &apos;{char}&apos;</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="60"/>
        <source>身份号码第17位表示性别为{expected}，与填写的性别不一致，请核对</source>
        <translation>Character 17 of the ID number says the sex is {expected}, which differs from the sex entered; please check</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="64"/>
        <source>身份号码第7至14位表示出生日期为{expected}，与填写的出生日期不一致，请核对</source>
        <translation>Characters 7-14 of the ID number give the birth date {expected}, which differs from the birth date entered; please check</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="68"/>
        <source>证件号码第8至13位表示出生日期为{expected}（年月日各两位），与填写的出生日期不一致，请核对</source>
        <translation>Characters 8–13 of the card number give the birth date {expected} (YYMMDD), which differs from the birth date entered; please check</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="73"/>
        <source>第18位校验码应为{expected}，请核对号码</source>
        <translation>check digit should be {expected}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="77"/>
        <source>统一社会信用代码应为18位，现为{length}位</source>
        <translation>a unified social credit code has 18 characters, this one has {length}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="79"/>
        <source>第{position}位“{char}”不是统一社会信用代码使用的字符</source>
        <translation>character {position} (&apos;{char}&apos;) is not used in unified social credit codes</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="83"/>
        <source>第{position}位“{char}”不是统一社会信用代码使用的字符（代码中不使用I、O、S、V、Z，可能是1、0、5、U、2）</source>
        <translation>character {position} (&apos;{char}&apos;) is not used in unified social credit codes (the code never uses I, O, S, V or Z: perhaps 1, 0, 5, U or 2)</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="88"/>
        <source>第1位登记管理部门代码“{char}”无效</source>
        <translation>character 1 (&apos;{char}&apos;) is not a registration authority code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="90"/>
        <source>第3至8位“{area}”应为登记管理机关所在地的行政区划代码</source>
        <translation>characters 3-8 (&apos;{area}&apos;) must be the division code of the registering office</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="94"/>
        <source>第2位机构类别代码“{char}”不属于第1位登记管理部门“{authority}”（该部门只用{allowed}）</source>
        <translation>The organisation type &apos;{char}&apos; (character 2) does not belong to the registration authority {authority} (character 1), which uses only {allowed}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="99"/>
        <source>第18位校验码应为{expected}，请核对代码</source>
        <translation>check digit should be {expected}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="103"/>
        <source>第9至17位组织机构代码的校验码（第17位）应为{expected}</source>
        <translation>the embedded organisation code (characters 9-17) should end in {expected} (GB 11714)</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="108"/>
        <source>行政区划代码只能由数字组成</source>
        <translation>a division code has digits only</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="111"/>
        <source>行政区划代码应为2、4、6、9或12位，现为{length}位</source>
        <translation>a division code has 2, 4, 6, 9 or 12 digits, this one has {length}</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="114"/>
        <source>前2位“{code}”不是有效的省级行政区划代码</source>
        <translation>the first two digits (&apos;{code}&apos;) are not a valid province code</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="118"/>
        <source>格式正确，但本机区划表中没有这个代码（表中只有云南省的区划），请核对</source>
        <translation>well formed, but not in this terminal&apos;s division table (which holds Yunnan only); please check it</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="122"/>
        <source>第{start}至{end}位为0，但下一级第{next_start}至{next_end}位不为0：上级为0的代码不能有下级</source>
        <translation>Digits {start}-{end} are zero but digits {next_start}-{next_end} of the level below are not: a zero level cannot have a level below it</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="128"/>
        <source>第{start}至{end}位（{level}）不能全为0</source>
        <translation>Digits {start}-{end} ({level} level) cannot all be zero</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="131"/>
        <source>云南省的区划表中没有这个代码，请核对</source>
        <translation>Yunnan&apos;s division table has no such code; please check it</translation>
    </message>
    <message>
        <location filename="../identity/messages.py" line="135"/>
        <source>这是已撤销或变更的旧代码（{name}，使用至{until}年），现行区划表中没有它</source>
        <translation>This is an abolished or changed old code ({name}, in use until {until}); the current division table does not have it</translation>
    </message>
    <message>
        <location filename="../messages.py" line="11"/>
        <source>{source}：不是有效的 TOML：{error}</source>
        <translation>{source}: not valid TOML: {error}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="13"/>
        <source>{source}：未知的设置 {key}（可用：{known}）</source>
        <translation>{source}: unknown setting {key} (known: {known})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="15"/>
        <source>{source}：[{key}] 应为表</source>
        <translation>{source}: [{key}] must be a table</translation>
    </message>
    <message>
        <location filename="../messages.py" line="16"/>
        <source>{source}：{key} 应为 {type}，现为 {value}</source>
        <translation>{source}: {key} must be {type}, got {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>{source}：terminal.role 应为 {allowed} 之一，现为 {value}</source>
        <translation>{source}: terminal.role must be one of {allowed}, not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67"/>
        <source>{source}：{key} 应为绝对路径，现为 {value}</source>
        <translation>{source}: {key} must be an absolute path, got {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70"/>
        <source>{path} 指向 {target}，但该文件不存在：请恢复它（软件包安装时为 /etc/yunban/config.toml）</source>
        <translation>{path} points at {target}, which does not exist: restore it (an installed terminal&apos;s is /etc/yunban/config.toml)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>无法读取配置文件 {path}：{error}</source>
        <translation>Cannot read the configuration file {path}: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="12"/>
        <source>记录库无法打开：{error}</source>
        <translation>records.db cannot be opened: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="13"/>
        <source>记录库被其他程序占用，请稍后重试：{error}</source>
        <translation>records.db is locked by another process, try again: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="14"/>
        <source>记录无法保存：{error}</source>
        <translation>record not saved: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="15"/>
        <source>未知的记录类型：{kind}（可用：{known}）</source>
        <translation>unknown record kind: {kind} (known: {known})</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="18"/>
        <source>本终端 {day} 的受理编号已用完（每天 9999 个）</source>
        <translation>receipt numbers for {day} are used up on this terminal (9999 a day)</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="21"/>
        <source>附件无法保存：磁盘空间不足（{error}）</source>
        <translation>attachment not stored: no space left on device ({error})</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="23"/>
        <source>附件无法保存：{error}</source>
        <translation>attachment not stored: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="26"/>
        <source>数据无法解密（密钥不符或数据损坏）</source>
        <translation>data cannot be decrypted (wrong key or damaged data)</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="27"/>
        <source>数据无法解密（数据太短）</source>
        <translation>data cannot be decrypted (too short)</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="28"/>
        <source>不是加密数据</source>
        <translation>not a sealed blob</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="31"/>
        <source>数据用另一种算法加密（算法编号 {found}，当前算法为 {cipher}）</source>
        <translation>sealed with algorithm id {found}, the cipher is {cipher}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="34"/>
        <source>未知的加密算法 {name}（可用：{known}）</source>
        <translation>unknown cipher {name} (known: {known})</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="36"/>
        <source>数据密钥无法保存到密钥库</source>
        <translation>the data key could not be stored in the keystore</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="38"/>
        <source>附件已加密，但密钥库不可用</source>
        <translation>the attachment is encrypted and no keystore is usable</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="42"/>
        <source>附件用另一种算法加密（算法编号 {found}）</source>
        <translation>the attachment is encrypted with algorithm id {found}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="44"/>
        <source>记录已加密，但密钥库不可用</source>
        <translation>the record is encrypted and no keystore is usable</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="49"/>
        <source>Secret Service 在 {seconds} 秒内没有应答（打开默认密钥环时），密钥环是否已锁定？</source>
        <translation>Secret Service did not answer within {seconds} s (opening the default collection); is the keyring locked?</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="53"/>
        <source>Secret Service 在 {seconds} 秒内没有应答（读取密钥时），密钥环是否已锁定？</source>
        <translation>Secret Service did not answer within {seconds} s (reading a secret); is the keyring locked?</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="57"/>
        <source>Secret Service 在 {seconds} 秒内没有应答（保存密钥时），密钥环是否已锁定？</source>
        <translation>Secret Service did not answer within {seconds} s (storing a secret); is the keyring locked?</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="61"/>
        <source>Secret Service 在 {seconds} 秒内没有应答（删除密钥时），密钥环是否已锁定？</source>
        <translation>Secret Service did not answer within {seconds} s (deleting a secret); is the keyring locked?</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="65"/>
        <source>密钥库 secretservice：没有 D-Bus 会话（DBUS_SESSION_BUS_ADDRESS 未设置），无法连接 Secret Service；请在桌面或自助终端会话中启动云办，或设置 keyring.backend = &quot;file&quot; 并预置口令</source>
        <translation>keyring backend secretservice: no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset), so the Secret Service cannot be reached; start Yunban inside the desktop or kiosk session, or set keyring.backend = &quot;file&quot; with a provisioned passphrase</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="72"/>
        <source>密钥库 secretservice：无法连接 D-Bus：{error}</source>
        <translation>keyring backend secretservice: cannot connect to D-Bus: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="76"/>
        <source>密钥库 secretservice：会话总线上没有 Secret Service（gnome-keyring）</source>
        <translation>keyring backend secretservice: no Secret Service (gnome-keyring) on the session bus</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="79"/>
        <source>密钥库 secretservice：会话没有默认密钥环</source>
        <translation>keyring backend secretservice: the session has no default keyring</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="83"/>
        <source>密钥库 secretservice：默认密钥环已锁定；请在自助终端会话启动时解锁（云办从不弹出密码提示）</source>
        <translation>keyring backend secretservice: the default keyring is locked; unlock it when the kiosk session starts (Yunban never shows a password prompt)</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="88"/>
        <source>{path}：密钥库文件无法读取：{error}</source>
        <translation>{path}: unreadable keystore file: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="92"/>
        <source>{path}：密钥库口令错误，或文件已被改动</source>
        <translation>{path}: wrong keyring passphrase, or the file was altered</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="96"/>
        <source>keyring.backend 应为 {known} 之一，现为 {backend}</source>
        <translation>keyring.backend must be one of {known}, got {backend}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="99"/>
        <source>keyring.backend = &quot;fail&quot;：本终端不保存凭据</source>
        <translation>keyring.backend = &quot;fail&quot;: this terminal keeps no credentials</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="103"/>
        <source>密钥库 file：没有预置口令；请设置 {env} 或 systemd 凭据 {credential}（云办从不提示输入口令）</source>
        <translation>keyring backend file: no passphrase provisioned; set {env} or the systemd credential {credential} (Yunban never prompts for one)</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="109"/>
        <source>没有可用的密钥库：{error}；也可以为 keyring.backend = &quot;file&quot; 预置口令（{env} 或 systemd 凭据 {credential}）</source>
        <translation>no usable keyring: {error}; alternatively provision a passphrase ({env} or systemd credential {credential}) for keyring.backend = &quot;file&quot;</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="117"/>
        <source>导出口令至少 8 个字符</source>
        <translation>the export passphrase needs at least 8 characters</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="119"/>
        <source>导出失败：{error}</source>
        <translation>export failed: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="120"/>
        <source>{path}：不是云办导出包</source>
        <translation>{path}: not a Yunban export bundle</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="122"/>
        <source>{path}：口令错误或导出包已损坏</source>
        <translation>{path}: wrong passphrase or damaged bundle</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="126"/>
        <source>记录库 {path} 是新建或替换的，本终端却已注册：请先重新注册（终端开通界面，或 yunban provision --force），以免受理编号重复</source>
        <translation>The records database {path} is new or was replaced, but this terminal is enrolled: enroll it again first (the provisioning screen, or yunban provision --force), so that no receipt number is issued twice</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="133"/>
        <source>附件文件头已损坏（分块大小 {chunk}，文件长度 {size}）</source>
        <translation>attachment file header damaged (chunk size {chunk}, file length {size})</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="137"/>
        <source>密钥库中没有数据密钥，但记录库中已有用它加密的数据：请恢复原来的密钥库（或其口令），不会生成新密钥以免旧数据无法读取</source>
        <translation>The keystore holds no data key, but records.db holds data encrypted with one: restore the original keystore (or its passphrase); no new key is made, so the existing data stays readable</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="144"/>
        <source>记录库 {path} 是新建、清空或替换的（此前已发出受理编号）：暂停发号。请技术人员检查后运行 yunban records acknowledge-new-db</source>
        <translation>The records database {path} is new, emptied or replaced (receipt numbers were issued before): no receipt numbers are issued. A technician should check, then run yunban records acknowledge-new-db</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="151"/>
        <source>已确认新的记录库 {path}；受理编号从 {day} 第 {next} 号继续</source>
        <translation>New records database {path} acknowledged; receipt numbers of {day} continue at {next}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="154"/>
        <source>记录库 {path} 未被替换，无需确认</source>
        <translation>The records database {path} was not replaced: nothing to acknowledge</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="158"/>
        <source>数据库 {path} 已损坏（完整性检查：{detail}），已停止使用：请技术人员从备份恢复或导出后重建</source>
        <translation>The database {path} is damaged (integrity check: {detail}) and is not used: a technician should restore it from a backup or export and rebuild it</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="162"/>
        <source>磁盘空间不足：{path} 无法写入（{error}）</source>
        <translation>Disk full: {path} cannot be written ({error})</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="167"/>
        <source>本机数据已上锁：请输入本机解锁密码（命令行：设置 {env}）；忘记密码请联系县级技术人员用恢复密钥找回</source>
        <translation>This laptop&apos;s data is locked: enter its unlock password (on the command line: set {env}); if the password is forgotten, ask the county technician to recover it with the recovery key</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="174"/>
        <source>keyring.unlock = &quot;worker&quot; 需要 keyring.backend = &quot;file&quot; 或 &quot;secretservice&quot;</source>
        <translation>keyring.unlock = &quot;worker&quot; needs keyring.backend = &quot;file&quot; or &quot;secretservice&quot;</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="177"/>
        <source>本机解锁密码至少 {n} 个字符</source>
        <translation>The unlock password must have at least {n} characters</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="180"/>
        <source>恢复密钥不可用（应为 32 字节的 base64）：{error}</source>
        <translation>Unusable recovery key (expected 32 bytes in base64): {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="183"/>
        <source>{path}：恢复槽无法读取：{error}</source>
        <translation>{path}: the recovery slot cannot be read: {error}</translation>
    </message>
    <message>
        <location filename="../records/messages.py" line="187"/>
        <source>{path}：恢复槽是用另一把恢复公钥（指纹 {recipient}）封存的</source>
        <translation>{path}: the recovery slot was sealed with another recovery public key (fingerprint {recipient})</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="11"/>
        <source>另一个同步进程正在运行</source>
        <translation>another sync run is already in progress</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="14"/>
        <source>本终端尚未注册，没有固定的平台公钥（yunban enroll --platform URL --code CODE）</source>
        <translation>not enrolled: no pinned platform key (yunban enroll --platform URL --code CODE)</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="17"/>
        <source>{path}：注册记录无法读取：{error}</source>
        <translation>{path}: unreadable enrollment record: {error}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="20"/>
        <source>平台地址应以 http:// 或 https:// 开头，现为 {url}</source>
        <translation>the platform URL must start with http:// or https://, got {url}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="22"/>
        <source>注册码为空</source>
        <translation>the enrollment code is empty</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="25"/>
        <source>本终端已注册为 {terminal}（平台 {platform}）；如需重新注册请加 --force</source>
        <translation>already enrolled as {terminal} with {platform}; pass --force to enroll again</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="28"/>
        <source>{error}（可以用同一注册码放心重试注册）</source>
        <translation>{error} (enrollment is safe to retry with the same code)</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="30"/>
        <source>注册被拒绝：{error}</source>
        <translation>enrollment refused: {error}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="31"/>
        <source>注册失败：{error}</source>
        <translation>enrollment failed: {error}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="34"/>
        <source>本终端已注册为 {terminal}，但 {backend} 密钥库中没有它的凭据；请用新的注册码重新注册（--force）</source>
        <translation>enrolled as {terminal} but the {backend} keystore holds no credentials for it; enroll again with a new code (--force)</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="41"/>
        <source>{path}：不是云办交接包（.ybx）</source>
        <translation>{path}: not a Yunban hand-over bundle (.ybx)</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="45"/>
        <source>{path}：交接包打不开：口令不对，或导出后文件被改动过；请让导出的终端重新导出</source>
        <translation>{path}: the bundle does not open: a wrong passphrase, or the file was changed after export; export it again on the terminal that made it</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="49"/>
        <source>连不上平台（{error}）：交接包仍在 U 盘上，记录也还在原终端上；联网后再导入</source>
        <translation>Cannot reach the platform ({error}): the bundle is still on the stick and the records are still on their terminal; import it again when online</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="51"/>
        <source>平台拒收交接包：{error}</source>
        <translation>The platform refused the hand-over bundle: {error}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="53"/>
        <source>{path}：不是平台的交接回执（.yback）：{error}</source>
        <translation>{path}: not a platform hand-over receipt (.yback): {error}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="57"/>
        <source>{path}：回执的签名不是本终端所注册平台的，未作任何标记</source>
        <translation>{path}: the receipt is not signed by the platform this terminal is enrolled with; nothing was marked</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="61"/>
        <source>{path}：这是终端 {terminal} 的回执，不是本终端（{own}）的，未作任何标记</source>
        <translation>{path}: this receipt is terminal {terminal}&apos;s, not this terminal&apos;s ({own}); nothing was marked</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="65"/>
        <source>{path}：平台已接收终端 {terminal} 的 {records} 条记录（{counts}）；回执已写入 {ack}</source>
        <translation>{path}: the platform took {records} records of terminal {terminal} ({counts}); receipt written to {ack}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="71"/>
        <source>交接包已全部上传，平台正在核验并导入记录，请稍候（大的交接包要几分钟）</source>
        <translation>the bundle is uploaded; the platform is checking and importing its records, please wait (a large bundle takes a few minutes)</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="75"/>
        <source>这个交接包以前已导入过：没有记录被重复保存；回执可再次带回原终端</source>
        <translation>This bundle was imported before: no record was stored twice; the receipt can be taken back to its terminal again</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="79"/>
        <source>已标记为送达 {marked} 条，此前已送达 {already} 条，平台拒收 {refused} 条，本终端没有的 {unknown} 条</source>
        <translation>Marked delivered: {marked}; delivered before: {already}; refused by the platform: {refused}; not held by this terminal: {unknown}</translation>
    </message>
    <message>
        <location filename="../sync/messages.py" line="86"/>
        <source>{record}：平台拒收（{result}），仍在待送队列中；请联系技术人员查看 yunban sync quarantine</source>
        <translation>{record}: refused by the platform ({result}), still waiting to be sent; ask a technician to check yunban sync quarantine</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="12"/>
        <source>密码错误次数过多，请 {minutes} 分钟后再试</source>
        <translation>too many wrong PINs; try again in {minutes} min</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="14"/>
        <source>没有模拟读卡器（仅用于演示）</source>
        <translation>no simulated card reader (demo only)</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="15"/>
        <source>未配置打印机（devices.printer.uri）</source>
        <translation>no printer configured (devices.printer.uri)</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="16"/>
        <source>已补打回执（打印任务 {job}）</source>
        <translation>receipt reprinted (print job {job})</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="17"/>
        <source>回执未能打印</source>
        <translation>the receipt could not be printed</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="20"/>
        <source>尚未设置维护密码：请用 yunban provision --technician-pin PIN 设置</source>
        <translation>No technician PIN set: set one with yunban provision --technician-pin PIN</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="22"/>
        <source>维护密码须为 6–12 位数字</source>
        <translation>The technician PIN must be 6–12 digits</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="25"/>
        <source>维护密码文件 {path} 无法读取（{error}）：请用 yunban provision --technician-pin 重新设置</source>
        <translation>The technician credential file {path} cannot be read ({error}): set the PIN again with yunban provision --technician-pin</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="30"/>
        <source>无法保存维护密码文件 {path}：{error}</source>
        <translation>Cannot save the technician credential file {path}: {error}</translation>
    </message>
    <message>
        <location filename="../technician/messages.py" line="33"/>
        <source>本终端未启用软件更新（请用 yunban update 命令）</source>
        <translation>Software updates are not enabled on this terminal (use the yunban update command)</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="7"/>
        <source>无法保存截图 {path}</source>
        <translation>cannot write the screenshot {path}</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="9"/>
        <source>事项目录不可用，仅保存了维护页面 {path}</source>
        <translation>the item catalog is unavailable: only the maintenance page was saved ({path})</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="11"/>
        <source>搜索「{query}」在 10 秒内没有结果返回</source>
        <translation>the search for “{query}” did not answer within 10 s</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="12"/>
        <source>在此目录中搜索「{query}」没有找到事项</source>
        <translation>the search for “{query}” found nothing in this catalog</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="13"/>
        <source>办事指南 {code} 在 10 秒内没有打开</source>
        <translation>the guide {code} did not open within 10 s</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="15"/>
        <source>演示申请：事项 {code} 没有开始（{status}）</source>
        <translation>demo application: item {code} did not start ({status})</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="17"/>
        <source>演示申请：30 秒内没有读到身份证</source>
        <translation>demo application: the ID card was not read within 30 s</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="18"/>
        <source>演示申请：表单没有通过检查：{errors}</source>
        <translation>demo application: the form did not validate: {errors}</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="19"/>
        <source>演示申请：没有进入核对页面（{status}）</source>
        <translation>demo application: the review page was not reached ({status})</translation>
    </message>
    <message>
        <location filename="../demo/messages.py" line="20"/>
        <source>演示申请：没有完成提交（{status}）</source>
        <translation>demo application: the submission was not finalised ({status})</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="23"/>
        <source>请先选择本终端所在的行政区划</source>
        <translation>First choose the terminal&apos;s division</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="26"/>
        <source>“{name}”是市（州）级或省级区划：终端须设在县（市、区）、乡镇（街道）或村（社区）</source>
        <translation>“{name}” is a prefecture or the province: a terminal stands in a county, township or village</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="29"/>
        <source>请填写平台地址（以 http:// 或 https:// 开头）</source>
        <translation>Enter the platform URL (starting with http:// or https://)</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="32"/>
        <source>两次输入的维护密码不一致，请重新输入</source>
        <translation>The two PINs differ; enter them again</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="36"/>
        <source>扫描的页面上没有找到二维码：请把注册码二维码平放在高拍仪下，再扫一次</source>
        <translation>No QR code found on the scanned page: lay the enrollment QR code flat under the document camera and scan again</translation>
    </message>
    <message>
        <location filename="../provisioning/messages.py" line="40"/>
        <source>二维码的内容不像注册码（{text}）：请扫描平台发放的注册码二维码</source>
        <translation>The QR code does not hold an enrollment code ({text}): scan the enrollment QR code from the platform</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="13"/>
        <source>未找到更新包：请插入含 yunban-update/ 目录的 U 盘，或指定更新包路径</source>
        <translation>No update bundle found: plug in a USB stick with a yunban-update/ directory, or give the bundle&apos;s path</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="17"/>
        <source>{path} 不是更新包（缺少 metadata/timestamp.json）</source>
        <translation>{path} is not an update bundle (no metadata/timestamp.json)</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="21"/>
        <source>没有可信的更新根元数据 {path}：请检查 [update] bundle_root 设置</source>
        <translation>No trusted update root metadata at {path}: check the [update] bundle_root setting</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="25"/>
        <source>更新包的签名不可信（未知或已撤销的密钥）：{detail}</source>
        <translation>The bundle is signed by keys this terminal does not trust (unknown or revoked): {detail}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="29"/>
        <source>更新包的元数据已过期（{role}），可能是被冻结的旧更新：请向发布方索取新的更新包</source>
        <translation>The bundle&apos;s metadata has expired ({role}), possibly a frozen old update: ask the publisher for a fresh bundle</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="33"/>
        <source>更新包的元数据比本终端已信任的版本旧（回退攻击）：{detail}</source>
        <translation>The bundle&apos;s metadata is older than what this terminal already trusts (rollback attack): {detail}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="37"/>
        <source>更新包中的文件 {path} 与签名不符（被篡改或不完整）：{detail}</source>
        <translation>The file {path} in the bundle does not match its signature (tampered or incomplete): {detail}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="41"/>
        <source>更新包的元数据无效或不完整：{detail}</source>
        <translation>The bundle&apos;s metadata is invalid or incomplete: {detail}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="43"/>
        <source>更新包中没有签名的 yunban 软件包（.deb）</source>
        <translation>The bundle holds no signed yunban package (.deb)</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="46"/>
        <source>更新包中的软件包是 {package}，不是 yunban</source>
        <translation>The bundle&apos;s package is {package}, not yunban</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="50"/>
        <source>更新包适用于 {arch} 架构，本终端为 {host}：不能安装</source>
        <translation>The bundle is for the {arch} architecture, this terminal is {host}: cannot install</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="54"/>
        <source>更新包版本 {version} 不高于已安装的 {installed}：不安装旧版本或相同版本</source>
        <translation>The bundle&apos;s version {version} is not newer than the installed {installed}: older or equal versions are not installed</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="56"/>
        <source>已安装 {version}，无需更新</source>
        <translation>{version} is already installed: nothing to update</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="59"/>
        <source>磁盘空间不足：{path} 需要 {needed} MB，仅剩 {free} MB；未做任何更改</source>
        <translation>Not enough disk space: {path} needs {needed} MB, only {free} MB free; nothing was changed</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="63"/>
        <source>写入 {path} 时磁盘已满；未做任何更改，请清理空间后重试</source>
        <translation>The disk filled up while writing {path}; nothing was changed: free some space and try again</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="67"/>
        <source>已推迟：有群众正在办理申请；请在空闲时再更新（或用 --force）</source>
        <translation>Deferred: a citizen is mid-application; update when the terminal is idle (or use --force)</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="71"/>
        <source>找不到当前版本 {version} 的安装包，无法保留回退副本：请把它放到 /var/cache/apt/archives，安装 dpkg-repack，或用 --no-rollback 确认不保留回退</source>
        <translation>The package of the installed version {version} cannot be found, so no rollback copy can be kept: put it in /var/cache/apt/archives, install dpkg-repack, or pass --no-rollback to go on without one</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="78"/>
        <source>没有保留的上一版本，无法回退</source>
        <translation>No previous version is kept: nothing to roll back to</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="82"/>
        <source>安装 {deb} 失败（{detail}）；已恢复到 {kept}</source>
        <translation>Installing {deb} failed ({detail}); {kept} was restored</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="86"/>
        <source>安装失败且无法自动恢复（{detail}）：请运行 /usr/lib/yunban/yunban-update-recover</source>
        <translation>The install failed and could not be undone automatically ({detail}): run /usr/lib/yunban/yunban-update-recover</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="90"/>
        <source>上次更新被中断（{path}）：请先运行 /usr/lib/yunban/yunban-update-recover 完成恢复</source>
        <translation>The last update was interrupted ({path}): run /usr/lib/yunban/yunban-update-recover first</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="93"/>
        <source>安装软件需要管理员权限：请用 sudo yunban update …</source>
        <translation>Installing software needs root: use sudo yunban update …</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="95"/>
        <source>已更新到 {version}（上一版本 {previous} 已保留）</source>
        <translation>Updated to {version} (the previous version {previous} is kept)</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="96"/>
        <source>已回退到 {version}</source>
        <translation>Rolled back to {version}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="99"/>
        <source>更新包验证通过：yunban {version}（{arch}），元数据有效期至 {expires}</source>
        <translation>Bundle verified: yunban {version} ({arch}), metadata valid until {expires}</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="103"/>
        <source>无法读取本终端的更新信任数据 {path}：请以管理员身份运行一次 sudo yunban update status 修复权限</source>
        <translation>Cannot read this terminal&apos;s update trust data {path}: run sudo yunban update status once as administrator to fix its permissions</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="107"/>
        <source>更新失败（{detail}）：详见日志</source>
        <translation>The update failed ({detail}): see the log</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="110"/>
        <source>已请求安装 yunban {version}：将在空闲时（无人办理时）安装，终端会自动重启</source>
        <translation>Install of yunban {version} requested: it will be installed when the terminal is idle (no one mid-application), then the terminal restarts by itself</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="114"/>
        <source>{time} 已请求安装 {version}，等待空闲时安装</source>
        <translation>Install of {version} requested at {time}, waiting for the terminal to be idle</translation>
    </message>
    <message>
        <location filename="../updates/messages.py" line="118"/>
        <source>回退需要管理员权限：请在终端的命令行运行 sudo yunban update rollback（将回退到 {previous}）</source>
        <translation>Rolling back needs administrator rights: run sudo yunban update rollback on the terminal&apos;s command line (goes back to {previous})</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="92"/>
        <source>本终端已注册，平台公钥已固定为 {pinned}：--platform-key 不能替换它（换钥只能导入旧钥签名的换钥文件）</source>
        <translation>This terminal is enrolled and its platform key is pinned ({pinned}): --platform-key cannot replace it (a key changes only by importing a rotation file signed by the old key)</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="99"/>
        <source>本终端已注册：只接受平台签名的目录（catalog update 或签名快照文件），不接受未签名的目录包 {source}</source>
        <translation>This terminal is enrolled: it accepts only catalogs signed by the platform (catalog update or a signed snapshot file), not the unsigned bundle {source}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="106"/>
        <source>目录包 {source} 的版本 {version} 早于本终端目录的版本 {current}：不能回退（防回滚）</source>
        <translation>Bundle {source} is version {version}, older than this terminal&apos;s catalog version {current}: no going back (rollback protection)</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="110"/>
        <source>平台换钥文件被拒绝：{reason}</source>
        <translation>Platform key rotation file refused: {reason}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="113"/>
        <source>本终端尚未注册，没有固定的平台公钥可换：先注册（yunban enroll）</source>
        <translation>This terminal is not enrolled, so it has no pinned platform key to rotate: enroll first (yunban enroll)</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="115"/>
        <source>{source} 被拒绝：{reason}</source>
        <translation>{source} refused: {reason}</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="118"/>
        <source>--platform-key 只用于签名的快照文件；{source} 是未签名的目录包</source>
        <translation>--platform-key is only for signed snapshot files; {source} is an unsigned bundle folder</translation>
    </message>
    <message>
        <location filename="../catalog/messages.py" line="120"/>
        <source>平台公钥已按签名的换钥文件更换为 {key}</source>
        <translation>Platform key rotated by the signed rotation file; now pinned: {key}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19"/>
        <source>{source}：{key} 应为字符串（用引号括起，如 {key} = &quot;{value}&quot;），现为数字 {value}</source>
        <translation>{source}: {key} must be a string (in quotes, e.g. {key} = &quot;{value}&quot;), not the number {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22"/>
        <source>{source}：{key} 应为 {allowed} 之一，现为 {value}</source>
        <translation>{source}: {key} must be one of {allowed}, not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26"/>
        <source>{source}：{key} 应为 {low} 到 {high} 之间的整数，现为 {value}</source>
        <translation>{source}: {key} must be an integer from {low} to {high}, not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>{source}：{key} 应为不含控制字符、最多 {limit} 个字符的文本，现为 {value}</source>
        <translation>{source}: {key} must be text of at most {limit} characters without control characters, not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>{source}：{key} 应为 12 位数字的区划代码（用引号括起，如 &quot;532524103205&quot;），现为 {value}</source>
        <translation>{source}: {key} must be a 12-digit division code in quotes (e.g. &quot;532524103205&quot;), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>{source}：{key} 应为 http:// 或 https:// 开头、带主机名的地址（端口 1–65535，不含空格），现为 {value}</source>
        <translation>{source}: {key} must be an http:// or https:// address with a host name (port 1–65535, no spaces), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="47"/>
        <source>{source}：{key} 应为打印机型号名（字母、数字、- _ . :，最多 64 个），现为 {value}</source>
        <translation>{source}: {key} must be a printer profile name (letters, digits, - _ . :, at most 64), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>{source}：kiosk.idle_warning_s（{warning}）应小于 kiosk.idle_timeout_s（{timeout}）</source>
        <translation>{source}: kiosk.idle_warning_s ({warning}) must be less than kiosk.idle_timeout_s ({timeout})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="57"/>
        <source>{source}：catalog.scope = &quot;subtree&quot; 需要 catalog.subtree_root（12 位区划代码）</source>
        <translation>{source}: catalog.scope = &quot;subtree&quot; needs catalog.subtree_root (a 12-digit division code)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61"/>
        <source>{source}：文件过大（{size} 字节，最多 {limit} 字节），不是配置文件</source>
        <translation>{source}: file too large ({size} bytes, at most {limit}): not a configuration file</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77"/>
        <source>平台地址 {url} 不可用：应为 http:// 或 https:// 开头、带主机名的地址（端口 1–65535，不含空格）</source>
        <translation>Platform address {url} cannot be used: it must be an http:// or https:// address with a host name (port 1–65535, no spaces)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>{source}：{key} 应为 CUPS 打印队列名（字母、数字、- _ . @，最多 127 个），现为 {value}</source>
        <translation>{source}: {key} must be a CUPS queue name (letters, digits, - _ . @, at most 127), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="89"/>
        <source>{source}：{key} 应为 CUPS 服务器（主机[:端口] 或套接字路径），现为 {value}</source>
        <translation>{source}: {key} must be a CUPS server (host[:port] or a socket path), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>{source}：{key} 应为县级恢复公钥（44 个字符的 base64，yunban keyring recovery-keygen 生成），现为 {value}</source>
        <translation>{source}: {key} should be the county recovery public key (44 characters of base64, made by yunban keyring recovery-keygen), not {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="100"/>
        <source>{source}：{key} 应为不晚于今天的日期 YYYY-MM-DD（用引号括起，如 &quot;1900-01-01&quot;），现为 {value}</source>
        <translation>{source}: {key} must be a date not after today, YYYY-MM-DD (quoted, e.g. &quot;1900-01-01&quot;); found {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>{source}：设了 identity.earliest_birth 就要写 {key}（拒绝时向办事人说明的理由），现为空</source>
        <translation>{source}: identity.earliest_birth needs {key} (the reason a refused applicant is told); it is empty</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="10"/>
        <source>审计日志完整：{entries} 条，链头 #{seq}（{hash}），已锚定至 #{anchored}</source>
        <translation>Audit log intact: {entries} entries, head #{seq} ({hash}), anchored up to #{anchored}</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="12"/>
        <source>审计日志为空</source>
        <translation>The audit log is empty</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="13"/>
        <source>审计日志链在第 {seq} 条处断裂：{reason}</source>
        <translation>The audit log chain is broken at entry {seq}: {reason}</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="14"/>
        <source>第 {seq} 条缺失（下一条为第 {next} 条）</source>
        <translation>entry {seq} is missing (the next one is {next})</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="16"/>
        <source>第 {seq} 条记录的前一哈希与第 {before} 条不符</source>
        <translation>entry {seq}&apos;s previous hash does not match entry {before}</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="18"/>
        <source>第 {seq} 条内容与其哈希不符（已被修改）</source>
        <translation>entry {seq} does not match its hash (it was changed)</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="21"/>
        <source>第 {seq} 条与已发送批次 {record} 中的副本不符（已被修改）</source>
        <translation>entry {seq} does not match its copy in the sent batch {record} (it was changed)</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="25"/>
        <source>日志止于第 {tail} 条，但已锚定至第 {anchored} 条（批次 {record}）：末尾被截断</source>
        <translation>the log ends at entry {tail} but is anchored up to {anchored} (batch {record}): its tail was cut off</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="28"/>
        <source>审计批次 {record} 的记录已不在 records.db 中</source>
        <translation>the record of audit batch {record} is no longer in records.db</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="31"/>
        <source>审计批次记录 {record} 不在批次表中（批次表被改动）</source>
        <translation>audit batch record {record} is not in the batch table (the table was changed)</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="33"/>
        <source>审计日志未能放入发件箱（{error}），下次记录时重试</source>
        <translation>The audit log could not be put in the outbox ({error}); retried at the next entry</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="36"/>
        <source>日志止于第 {tail} 条，但密钥库中记下的链头是第 {head} 条：末尾被删除</source>
        <translation>the log ends at entry {tail} but the keystore saw the chain reach entry {head}: its tail was removed</translation>
    </message>
    <message>
        <location filename="../audit/messages.py" line="40"/>
        <source>第 {seq} 条与密钥库中记下的链头不符（已被修改）</source>
        <translation>entry {seq} does not match the chain head the keystore saw (it was changed)</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="10"/>
        <source>事项 {code}「{name}」在目录中没有设定依据，无法出具{title}：请先在事项目录中补充</source>
        <translation>Item {code} &quot;{name}&quot; has no legal basis in the catalog, so no {title} can be issued: add it to the item catalog first</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="13"/>
        <source>出具{title}必须写明理由（不予受理的具体原因）</source>
        <translation>A {title} must state the reason (why the application is not accepted)</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="16"/>
        <source>出具{title}必须列明需要补正的全部材料</source>
        <translation>A {title} must list every material to be supplemented</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="18"/>
        <source>没有这种通知书：{kind}（可选：{known}）</source>
        <translation>No such notice: {kind} (known: {known})</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="20"/>
        <source>{title}须对应一件已受理的申请（受理编号）</source>
        <translation>A {title} must refer to an accepted application (its receipt number)</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="22"/>
        <source>{title}须指明办理事项</source>
        <translation>A {title} must name the item applied for</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="23"/>
        <source>本终端没有受理编号 {number}</source>
        <translation>This terminal has no receipt number {number}</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="25"/>
        <source>补正期限 {deadline} 不对：应为今天或以后的日期</source>
        <translation>The deadline {deadline} is wrong: it must be today or later</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="27"/>
        <source>{what}过长（最多 {limit} 字）</source>
        <translation>{what} is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="30"/>
        <source>找不到可嵌入 PDF 的中文字体（TrueType）：请安装 fonts-wqy-microhei</source>
        <translation>No Chinese TrueType font to embed in the PDF: install fonts-wqy-microhei</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="32"/>
        <source>通知书 PDF 生成失败：{error}</source>
        <translation>The notice PDF could not be made: {error}</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="33"/>
        <source>没有这份通知书：{notice}</source>
        <translation>No such notice: {notice}</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="36"/>
        <source>未配置 A4 打印机（config.toml 的 [printer.a4] queue）：{title}已保存，未打印</source>
        <translation>No A4 printer configured ([printer.a4] queue in config.toml): the {title} is saved, not printed</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="39"/>
        <source>{title}（{number}）已送往打印机 {queue}（任务 {job}）</source>
        <translation>{title} ({number}) sent to printer {queue} (job {job})</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="42"/>
        <source>{title}（{number}）已在凭条打印机打印</source>
        <translation>{title} ({number}) printed on the receipt printer</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="46"/>
        <source>打印队列 {queue} 不存在：{title}（{number}）已保留，打印机恢复后自动补打</source>
        <translation>Print queue {queue} does not exist: {title} ({number}) is kept and printed once the printer is back</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="50"/>
        <source>打印机 {queue} 已暂停或拒收任务：{title}（{number}）已保留，打印机恢复后自动补打</source>
        <translation>Printer {queue} is paused or refuses jobs: {title} ({number}) is kept and printed once the printer is back</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="54"/>
        <source>连不上打印服务（CUPS）：{title}（{number}）已保留，打印服务恢复后自动补打</source>
        <translation>The print service (CUPS) cannot be reached: {title} ({number}) is kept and printed once it is back</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="58"/>
        <source>打印失败（{detail}）：{title}（{number}）已保留，可稍后补打</source>
        <translation>Printing failed ({detail}): {title} ({number}) is kept and can be reprinted later</translation>
    </message>
    <message>
        <location filename="../notices/messages.py" line="62"/>
        <source>凭条打印机未能打印{title}（{number}）（{code}）：已保留，可稍后补打</source>
        <translation>The receipt printer could not print the {title} ({number}) ({code}): kept, can be reprinted later</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="11"/>
        <source>工号或密码错误（还可再试 {left} 次）</source>
        <translation>Wrong staff number or password ({left} tries left)</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="12"/>
        <source>工号或密码错误</source>
        <translation>Wrong staff number or password</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="15"/>
        <source>密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或请值班长解锁</source>
        <translation>Too many wrong passwords: the account is locked; try again in {minutes} minutes or ask the supervisor to unlock it</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="17"/>
        <source>该账号已被停用，请联系值班长</source>
        <translation>This account has been disabled; please contact the supervisor</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="20"/>
        <source>本终端还没有工作人员名单：请先联网同步（yunban staff sync）</source>
        <translation>This terminal has no staff list yet: go online and sync first (yunban staff sync)</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="24"/>
        <source>工作人员名单校验失败（{reason}），已拒绝；请联网重新同步并通知技术人员</source>
        <translation>The staff list failed verification ({reason}) and was refused; sync again online and tell a technician</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="27"/>
        <source>平台下发的工作人员名单被拒绝：{reason}</source>
        <translation>The staff list from the platform was refused: {reason}</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="30"/>
        <source>无法从平台获取工作人员名单：{reason}</source>
        <translation>Cannot get the staff list from the platform: {reason}</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="33"/>
        <source>终端未注册，无法同步工作人员名单（yunban enroll）</source>
        <translation>The terminal is not enrolled, so the staff list cannot be synced (yunban enroll)</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="35"/>
        <source>此操作需要值班长账号</source>
        <translation>This needs a supervisor&apos;s account</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="36"/>
        <source>请先登录</source>
        <translation>Please log in first</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="38"/>
        <source>超过 {minutes} 分钟未操作，已自动退出，请重新登录</source>
        <translation>Logged out after {minutes} minutes without activity; please log in again</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="40"/>
        <source>账号角色“{role}”不能办理此事项</source>
        <translation>The role “{role}” cannot do this</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="43"/>
        <source>终端已 {hours} 小时未与平台同步；超过 {limit} 小时后将限制办理，请尽快联网</source>
        <translation>This terminal has not synced with the platform for {hours} hours; after {limit} hours work will be restricted, so go online soon</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="47"/>
        <source>已 {hours} 小时未同步（上限 {limit} 小时）：暂停作出决定，仅可查看、登记和补打；请联网同步或请值班长授权</source>
        <translation>Not synced for {hours} hours (limit {limit}): decisions are paused, only viewing, registering and reprinting remain; sync online or ask the supervisor for an override</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="52"/>
        <source>授权时长须为 1–{limit} 小时</source>
        <translation>An override lasts 1–{limit} hours</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="53"/>
        <source>账号 {staff_id} 未被锁定</source>
        <translation>Account {staff_id} is not locked</translation>
    </message>
    <message>
        <location filename="../staff/messages.py" line="54"/>
        <source>没有工号为 {staff_id} 的账号</source>
        <translation>No account with staff number {staff_id}</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="11"/>
        <source>本终端没有这份申请：{key}</source>
        <translation>This terminal has no such application: {key}</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="13"/>
        <source>没有这种决定：{kind}（可选：{known}）</source>
        <translation>No such decision: {kind} (known: {known})</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="16"/>
        <source>受理编号 {receipt} 已{state}，不能再作决定</source>
        <translation>Receipt number {receipt} is already {state}: no further decision can be made</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="19"/>
        <source>容缺受理的补交期限须为今天之后的日期（{deadline}）</source>
        <translation>The deadline for materials accepted as deferred must be after today ({deadline})</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="21"/>
        <source>没有这项决定：{decision}</source>
        <translation>No such decision: {decision}</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="23"/>
        <source>不能复核自己作出的决定，请另一位值班长复核</source>
        <translation>You cannot review your own decision; ask another supervisor</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="25"/>
        <source>这项决定已复核</source>
        <translation>This decision has already been reviewed</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="26"/>
        <source>退回决定须写明理由</source>
        <translation>Sending a decision back needs a reason</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="28"/>
        <source>本终端未启用通知书服务，决定已记录，未出具通知书</source>
        <translation>Notices are not enabled on this terminal: the decision is recorded, no notice issued</translation>
    </message>
    <message>
        <location filename="../counter/messages.py" line="30"/>
        <source>这份申请没有第 {position} 页材料</source>
        <translation>This application has no material page {position}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="11"/>
        <source>请填写户主姓名（或户的称呼）</source>
        <translation>Please enter the household head&apos;s name (or what the household is called)</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="12"/>
        <source>请填写姓名</source>
        <translation>Please enter the name</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="13"/>
        <source>“{field}”太长（最多 {limit} 个字）</source>
        <translation>“{field}” is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="14"/>
        <source>身份证号码有误：{reason}</source>
        <translation>The ID number is wrong: {reason}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="15"/>
        <source>电话号码有误：只能有数字和连字符，7 到 20 位</source>
        <translation>The phone number is wrong: digits and hyphens only, 7 to 20 characters</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="16"/>
        <source>走访清单中没有这一户</source>
        <translation>This household is not on the visit list</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="17"/>
        <source>走访清单中没有这个人</source>
        <translation>This person is not on the visit list</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="20"/>
        <source>还有 {count} 件未办结的申请或草稿，不能从走访清单中删除</source>
        <translation>{count} applications or drafts are still open: cannot remove from the visit list</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="24"/>
        <source>本机还未注册到平台，不能报送：请到乡镇便民服务中心请技术人员注册</source>
        <translation>This laptop is not enrolled with the platform, so nothing can be sent: ask a technician at the township service centre to enroll it</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="28"/>
        <source>走访清单：已清除过期的 {households} 户、{people} 人，{links} 条失效关联</source>
        <translation>Visit list: purged {households} households and {people} people past retention, {links} dead links</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="30"/>
        <source>（无法解密）</source>
        <translation>(cannot be decrypted)</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="35"/>
        <source>平台已有同一编号但内容不同的记录。不要重新录入；请把回执号报给乡镇技术人员核对，核对前保留本机记录。</source>
        <translation>The platform already has a different record under the same number. Do not enter it again; give the receipt number to the township technician to check, and keep this laptop&apos;s record until then.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="42"/>
        <source>平台拒收了这条记录（{reason}）。请按原因为群众重新办理一次，并告知群众原回执作废；原记录保留备查。</source>
        <translation>The platform refused this record ({reason}). Apply again for the citizen as the reason says and tell them the old receipt is void; the original record is kept for reference.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="49"/>
        <source>本机上的这条记录或其材料已损坏，无法读取。请尽快带笔记本到乡镇便民服务中心交技术人员处理；如材料无法恢复，需要再次上门为群众采集。</source>
        <translation>This record or its materials on this laptop are damaged and cannot be read. Take the laptop to the township service centre&apos;s technician soon; if the materials cannot be recovered, collect them from the citizen again.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="55"/>
        <source>本机记录或扫描材料丢失、损坏</source>
        <translation>A record or scan on this laptop is missing or damaged</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="56"/>
        <source>申请</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="57"/>
        <source>好差评</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="58"/>
        <source>咨询投诉</source>
        <translation>Consultation or complaint</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="59"/>
        <source>其他记录</source>
        <translation>Other record</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="63"/>
        <source>还没有签名：请村民在框内签上自己的名字（或按手印）</source>
        <translation>No signature yet: ask the villager to sign their name (or press a fingerprint) in the box</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="67"/>
        <source>本事项要求提交“{material}”原件：屏幕签名不能代替，请扫描村民签字的委托书</source>
        <translation>This item requires the original “{material}”: a signature on the screen cannot replace it; scan the letter of entrustment the villager signed</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="71"/>
        <source>本事项的材料清单里没有委托书：请村民在屏幕上签名表示同意</source>
        <translation>This item&apos;s materials include no letter of entrustment: ask the villager to sign on the screen to consent</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="74"/>
        <source>“{material}”还没有扫描：请先扫描村民签字的委托书</source>
        <translation>“{material}” has not been scanned: scan the letter of entrustment the villager signed first</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="79"/>
        <source>账号角色“{role}”不能使用网格员工作台：请用网格员或值班长账号登录</source>
        <translation>Accounts with the role “{role}” cannot use the grid worker&apos;s laptop: log in as a grid worker or supervisor</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="83"/>
        <source>本机已 {days} 天未联网同步；满 {limit} 天后将暂停代办新申请，请尽快联网</source>
        <translation>Not synced for {days} days; after {limit} days no new applications on behalf can be made: get online soon</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="87"/>
        <source>本机已 {days} 天未联网同步（上限 {limit} 天）：暂停代办新申请，走访清单和草稿仍可查看；请联网同步或请值班长授权</source>
        <translation>Not synced for {days} days (limit {limit} days): no new applications on behalf; the visit list and drafts can still be read. Sync online or ask a supervisor to authorise</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="95"/>
        <source>本机已 {days} 天未同步；值班长已授权继续办理至 {until}</source>
        <translation>Not synced for {days} days; a supervisor has authorised work until {until}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="98"/>
        <source>办事指引（请收好）</source>
        <translation>What happens next (please keep this)</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="99"/>
        <source>办事指引</source>
        <translation>What happens next</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="100"/>
        <source>请收好这张单子</source>
        <translation>Please keep this slip</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="101"/>
        <source>您的申请已经替您交上去了。</source>
        <translation>Your application has been handed in for you.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="102"/>
        <source>受理编号：{number}</source>
        <translation>Receipt number: {number}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="103"/>
        <source>校验码：{code}</source>
        <translation>Check code: {code}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="104"/>
        <source>办的事：{title}</source>
        <translation>What for: {title}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="105"/>
        <source>最晚 {date} 办好。</source>
        <translation>It will be done by {date} at the latest.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="106"/>
        <source>办好后会通知您。</source>
        <translation>You will be told when it is done.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="107"/>
        <source>由 {department} 办理。</source>
        <translation>{department} handles it.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="108"/>
        <source>要去的地方：{place}。</source>
        <translation>Where to go: {place}.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="109"/>
        <source>开门时间：{hours}。</source>
        <translation>Opening hours: {hours}.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="110"/>
        <source>现在不用跑腿，在家等消息就行。</source>
        <translation>You need not go anywhere now: just wait for news at home.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="111"/>
        <source>办好后去 {place} 领取，带上身份证和本单。</source>
        <translation>When it is done, collect it at {place}; bring your ID card and this slip.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="112"/>
        <source>还要补交这些材料：</source>
        <translation>Still to hand in:</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="113"/>
        <source>费用：{fee}。</source>
        <translation>Fee: {fee}.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="114"/>
        <source>不收钱。</source>
        <translation>It costs nothing.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="115"/>
        <source>有问题打电话：{phone}。</source>
        <translation>Questions? Call {phone}.</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="116"/>
        <source>代办人：{agent}</source>
        <translation>Applied for you by: {agent}</translation>
    </message>
    <message>
        <location filename="../visits/messages.py" line="119"/>
        <source>查进度：用手机扫二维码，或在便民服务中心的自助机上输入受理编号。</source>
        <translation>To check progress: scan the QR code with a phone, or type the receipt number at a self-service terminal in the service centre.</translation>
    </message>
    <message>
        <location filename="../cli/submit.py" line="37"/>
        <source>申请人尚未同意告知承诺，不能提交：请申请人阅读并同意告知承诺（见下），再加上 --consent 重新提交</source>
        <translation>The applicant has not agreed to the declaration (告知承诺), so nothing was submitted: have the applicant read and agree to it (below), then submit again with --consent</translation>
    </message>
    <message>
        <location filename="../apply/agent.py" line="52"/>
        <source>代办申请还没有村民本人的同意，不能提交：请村民在屏幕上签名，或扫描村民签字的委托书</source>
        <translation>The villager has not yet consented to this application on their behalf, so it cannot be submitted: ask them to sign on the screen, or scan the letter of entrustment they signed</translation>
    </message>
</context>
</TS>
