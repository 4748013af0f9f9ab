"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { toast } from "sonner";
import { InboxIcon, MoreHorizontalIcon, PlusIcon, SendIcon, TrashIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { Label } from "@/components/ui/label";
import { Badge } from "@/components/ui/badge";
import { Avatar, AvatarFallback, AvatarImage, getInitials } from "@/components/ui/avatar";
import { Card, CardAction, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger, DialogClose } from "@/components/ui/dialog";
import { AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuShortcut, DropdownMenuSub, DropdownMenuSubContent, DropdownMenuSubTrigger, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from "@/components/ui/tooltip";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Separator } from "@/components/ui/separator";
import { ScrollArea } from "@/components/ui/scroll-area";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Checkbox } from "@/components/ui/checkbox";
import { Sheet, SheetContent, SheetDescription, SheetFooter, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { Kbd, KbdGroup } from "@/components/ui/kbd";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState } from "@/components/ui/empty-state";
import { Toaster } from "@/components/ui/sonner";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { ChannelIcon } from "@/components/channel-icon";

const kinds = ["webchat", "whatsapp", "messenger", "instagram", "telegram", "sms", "viber", "email"] as const;
const schema = z.object({ email: z.email("Enter a valid e-mail address"), name: z.string().min(2, "At least 2 characters") });

function DemoForm({ id }: { id: string }) {
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: "not-an-email", name: "" } });
  return (
    <Form {...form}>
      <form id={id} onSubmit={form.handleSubmit(() => toast.success("Saved"))} className="grid gap-4">
        <FormField control={form.control} name="email" render={({ field }) => (
          <FormItem><FormLabel>E-mail</FormLabel><FormControl><Input {...field} /></FormControl><FormDescription>We never share it.</FormDescription><FormMessage /></FormItem>
        )} />
        <FormField control={form.control} name="name" render={({ field }) => (
          <FormItem><FormLabel>Name</FormLabel><FormControl><Input placeholder="Ada Lovelace" {...field} /></FormControl><FormMessage /></FormItem>
        )} />
        <Button type="submit" className="w-fit">Validate</Button>
      </form>
    </Form>
  );
}

export function Demo({ theme }: { theme: string }) {
  const [checked, setChecked] = React.useState(true);
  return (
    <TooltipProvider>
      <div className="flex flex-col gap-6" data-theme-panel={theme}>
        <div className="flex items-center justify-between">
          <h1 className="text-xl font-semibold">UI check — {theme}</h1>
          <ThemeToggle onChange={(t) => console.log("theme", t)} />
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <Button>Default</Button>
          <Button variant="secondary">Secondary</Button>
          <Button variant="outline">Outline</Button>
          <Button variant="ghost">Ghost</Button>
          <Button variant="destructive"><TrashIcon />Delete</Button>
          <Button variant="link">Link</Button>
          <Button size="sm"><SendIcon />Small</Button>
          <Button size="lg">Large</Button>
          <Button size="icon" aria-label="Add"><PlusIcon /></Button>
          <Button size="icon-sm" variant="outline" aria-label="More"><MoreHorizontalIcon /></Button>
          <Button disabled>Disabled</Button>
          <Button asChild variant="outline"><a href="#x">As link</a></Button>
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <Badge>Default</Badge><Badge variant="secondary">Secondary</Badge><Badge variant="outline">Outline</Badge>
          <Badge variant="destructive">Destructive</Badge><Badge variant="success">Open</Badge><Badge variant="warning">Waiting</Badge><Badge variant="info">New</Badge>
        </div>

        <div className="flex flex-wrap items-center gap-4">
          {kinds.map((k) => <ChannelIcon key={k} kind={k} className="size-6" />)}
        </div>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          {kinds.map((k) => <ChannelIcon key={k} kind={k} withLabel />)}
        </div>

        <div className="flex items-center gap-3">
          <Avatar><AvatarImage src="/nope.png" alt="Ada Lovelace" /><AvatarFallback>{getInitials("Ada Lovelace")}</AvatarFallback></Avatar>
          <Avatar className="size-10"><AvatarFallback>{getInitials("jane.doe@example.com")}</AvatarFallback></Avatar>
          <Avatar><AvatarFallback>{getInitials("")}</AvatarFallback></Avatar>
          <Spinner label="Loading conversations" />
          <Spinner iconClassName="size-6 text-primary" />
          <KbdGroup><Kbd>⌘</Kbd><Kbd>K</Kbd></KbdGroup>
          <Kbd>Esc</Kbd>
        </div>

        <div className="grid grid-cols-2 gap-4">
          <div className="grid gap-2"><Label htmlFor={`in-${theme}`}>Subject</Label><Input id={`in-${theme}`} placeholder="Search conversations" /></div>
          <div className="grid gap-2"><Label htmlFor={`bad-${theme}`}>Invalid</Label><Input id={`bad-${theme}`} aria-invalid defaultValue="oops" /></div>
          <div className="col-span-2 grid gap-2"><Label htmlFor={`ta-${theme}`}>Reply</Label><Textarea id={`ta-${theme}`} placeholder="Write a reply…" /></div>
          <div className="flex items-center gap-2"><Switch id={`sw-${theme}`} defaultChecked /><Label htmlFor={`sw-${theme}`}>Notifications</Label></div>
          <div className="flex items-center gap-2"><Switch id={`sw2-${theme}`} /><Label htmlFor={`sw2-${theme}`}>Off</Label></div>
          <div className="flex items-center gap-2"><Checkbox id={`cb-${theme}`} checked={checked} onCheckedChange={(v) => setChecked(v === true)} /><Label htmlFor={`cb-${theme}`}>VIP</Label></div>
          <div className="flex items-center gap-2"><Checkbox id={`cb2-${theme}`} /><Label htmlFor={`cb2-${theme}`}>Blocked</Label><Checkbox aria-label="Some" defaultChecked="indeterminate" /></div>
          <Select defaultValue="open">
            <SelectTrigger aria-label="Status" className="w-40" data-testid={`select-${theme}`}><SelectValue /></SelectTrigger>
            <SelectContent><SelectGroup><SelectLabel>Status</SelectLabel><SelectItem value="new">New</SelectItem><SelectItem value="open">Open</SelectItem><SelectItem value="waiting">Waiting</SelectItem><SelectItem value="closed">Closed</SelectItem></SelectGroup></SelectContent>
          </Select>
          <Select><SelectTrigger size="sm" aria-label="Team" className="w-40"><SelectValue placeholder="Pick a team" /></SelectTrigger><SelectContent><SelectItem value="a">Support</SelectItem></SelectContent></Select>
        </div>

        <Tabs defaultValue="mine">
          <TabsList><TabsTrigger value="new">New</TabsTrigger><TabsTrigger value="mine">Assigned to me</TabsTrigger><TabsTrigger value="all">All</TabsTrigger></TabsList>
          <TabsContent value="mine" className="text-sm text-muted-foreground">Tab content: muted text on background.</TabsContent>
        </Tabs>

        <Card>
          <CardHeader><CardTitle>Conversation #1042</CardTitle><CardDescription>Muted description text</CardDescription><CardAction><Badge variant="info">New</Badge></CardAction></CardHeader>
          <CardContent className="flex flex-col gap-2">
            <Skeleton className="h-4 w-2/3" /><Skeleton className="h-4 w-1/2" />
            <Separator className="my-2" />
            <ScrollArea className="h-24 rounded-md border" aria-label="Messages">
              <div className="p-3 text-sm">{Array.from({ length: 12 }, (_, i) => <p key={i}>Message line {i + 1}</p>)}</div>
            </ScrollArea>
          </CardContent>
          <CardFooter className="gap-2"><Button size="sm">Reply</Button><Button size="sm" variant="outline">Archive</Button></CardFooter>
        </Card>

        <EmptyState icon={InboxIcon} title="No conversations" description="When customers write, their conversations show up here." action={<Button size="sm">Connect a channel</Button>} className="border border-dashed" />

        <DemoForm id={`form-${theme}`} />

        <div className="flex flex-wrap gap-2">
          <DropdownMenu>
            <DropdownMenuTrigger asChild><Button variant="outline" data-testid={`menu-${theme}`}>Menu</Button></DropdownMenuTrigger>
            <DropdownMenuContent className="w-56">
              <DropdownMenuLabel>Conversation</DropdownMenuLabel><DropdownMenuSeparator />
              <DropdownMenuItem>Assign to me<DropdownMenuShortcut>⌘A</DropdownMenuShortcut></DropdownMenuItem>
              <DropdownMenuCheckboxItem checked>Follow</DropdownMenuCheckboxItem>
              <DropdownMenuSub><DropdownMenuSubTrigger>Transfer</DropdownMenuSubTrigger><DropdownMenuSubContent><DropdownMenuItem>Sales</DropdownMenuItem></DropdownMenuSubContent></DropdownMenuSub>
              <DropdownMenuItem disabled>Disabled</DropdownMenuItem>
              <DropdownMenuSeparator /><DropdownMenuItem variant="destructive"><TrashIcon />Delete</DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          <Popover><PopoverTrigger asChild><Button variant="outline" data-testid={`popover-${theme}`}>Popover</Button></PopoverTrigger><PopoverContent><p className="text-sm">Popover content <span className="text-muted-foreground">muted</span></p></PopoverContent></Popover>
          <Tooltip><TooltipTrigger asChild><Button variant="outline" size="icon" aria-label="Help" data-testid={`tip-${theme}`}>?</Button></TooltipTrigger><TooltipContent>Search <Kbd>/</Kbd></TooltipContent></Tooltip>
          <Dialog><DialogTrigger asChild><Button variant="outline" data-testid={`dialog-${theme}`}>Dialog</Button></DialogTrigger>
            <DialogContent><DialogHeader><DialogTitle>Edit contact</DialogTitle><DialogDescription>Change the contact details.</DialogDescription></DialogHeader><Input aria-label="Name" defaultValue="Ada" /><DialogFooter><DialogClose asChild><Button variant="outline">Cancel</Button></DialogClose><Button>Save</Button></DialogFooter></DialogContent>
          </Dialog>
          <AlertDialog><AlertDialogTrigger asChild><Button variant="destructive" data-testid={`alert-${theme}`}>Alert</Button></AlertDialogTrigger>
            <AlertDialogContent><AlertDialogHeader><AlertDialogTitle>Delete contact?</AlertDialogTitle><AlertDialogDescription>This cannot be undone.</AlertDialogDescription></AlertDialogHeader><AlertDialogFooter><AlertDialogCancel>Cancel</AlertDialogCancel><AlertDialogAction variant="destructive">Delete</AlertDialogAction></AlertDialogFooter></AlertDialogContent>
          </AlertDialog>
          <Sheet><SheetTrigger asChild><Button variant="outline" data-testid={`sheet-${theme}`}>Sheet</Button></SheetTrigger>
            <SheetContent><SheetHeader><SheetTitle>Contact</SheetTitle><SheetDescription>Details of the contact.</SheetDescription></SheetHeader><div className="px-4 text-sm">Body</div><SheetFooter><Button>Save</Button></SheetFooter></SheetContent>
          </Sheet>
          <Button variant="secondary" data-testid={`toast-${theme}`} onClick={() => { toast.success("Conversation archived"); toast.error("Could not send", { description: "WhatsApp window closed" }); toast("Plain toast"); }}>Toasts</Button>
        </div>
      </div>
      {theme === "light" && <Toaster />}
    </TooltipProvider>
  );
}
